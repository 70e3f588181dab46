import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import { PosterKind } from '@sbd/contracts';
import { Btn } from '@/ui/Button';
import { Page } from '@/ui/Page';
import { ErrorState, Loading } from '@/ui/States';
import { isH5 } from '@/platform/env';
import { downloadPosterPdf, fetchPosterDataUrl, posterKind, savePosterImage } from '@/features/org/poster';
import { attempt } from '@/platform/request';
import { communityAdminScope, useSession } from '@/platform/session';
import { a11y } from '@/platform/a11y';
import { toast } from '@/platform/feedback';
import { useAction } from '@/ui/hooks/useAction';
import { AdminGate } from '@/packageAdmin/components/AdminGate';
import './index.css';

const HINT: Record<PosterKind, string> = {
  [PosterKind.Wxacode]: '党员用微信扫海报上的小程序码，直接进入本社区的报到页面。',
  [PosterKind.Url]: '网页版海报：微信扫一扫打开报到网页。在微信小程序中打开本页可生成小程序码海报。',
};

/** 社区报到海报: the printable poster members scan to register with this community. */
export default function PosterPage() {
  const session = useSession();
  const scope = communityAdminScope(session);
  const [dataUrl, setDataUrl] = useState('');
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState('');
  const saving = useAction();
  const printing = useAction();
  const kind = posterKind();

  const load = async () => {
    if (!scope) return;
    setState('loading');
    const r = await attempt(fetchPosterDataUrl(scope.communityId, kind));
    if (r.ok) {
      setDataUrl(r.data);
      setState('ready');
    } else {
      setError(r.error.message);
      setState('error');
    }
  };

  useLoad(() => void load());

  if (!scope) return <AdminGate title="社区报到海报" loggedIn={!!session?.accessToken} />;

  const save = async () => {
    await saving.run(() => savePosterImage(dataUrl, scope.communityId, scope.communityName), {
      success: isH5() ? '已开始下载' : '已保存到相册',
      errorToast: false,
      onError: () => toast(isH5() ? '下载失败，请长按图片保存' : '保存失败，请在设置中允许保存到相册'),
    });
  };
  const pdf = () => printing.run(() => downloadPosterPdf(scope.communityId, scope.communityName, kind));

  return (
    <Page title="社区报到海报">
      <Text className="t-s t-muted block mb-32">{`${scope.communityName}：${HINT[kind]}可打印张贴（A4），或转发到工作群。`}</Text>
      {state === 'loading' ? <Loading text="海报生成中…" /> : null}
      {state === 'error' ? <ErrorState message={error} onRetry={() => void load()} /> : null}
      {state === 'ready' ? (
        <View>
          <View className="poster">
            <Image
              className="poster-img"
              src={dataUrl}
              mode="widthFix"
              showMenuByLongpress
              imgProps={{ alt: `${scope.communityName}报到海报` }}
              {...a11y(`${scope.communityName}报到海报`, { role: 'img' })}
            />
          </View>
          <Btn onClick={() => void save()} loading={!!saving.busy} loadingText="正在保存…">
            {isH5() ? '下载海报图片' : '保存到相册'}
          </Btn>
          <Btn variant="plain" onClick={() => void pdf()} loading={!!printing.busy} loadingText="正在生成…">
            下载 A4 打印版（PDF）
          </Btn>
          <Btn variant="plain" onClick={() => void load()}>
            重新生成
          </Btn>
        </View>
      ) : null}
    </Page>
  );
}
