import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { Btn } from '@/ui/Button';
import { Page } from '@/ui/Page';
import { ErrorState, Loading } from '@/ui/States';
import { isH5 } from '@/platform/env';
import { fetchCommunityQrDataUrl } from '@/features/org/service';
import { attempt } from '@/platform/request';
import { communityAdminScope, useSession } from '@/platform/session';
import { a11y } from '@/platform/a11y';
import { toast } from '@/platform/feedback';
import { useAction } from '@/ui/hooks/useAction';
import { AdminGate } from '@/packageAdmin/components/AdminGate';
import './index.css';

/** Saves the poster: a download on H5, the photo album on weapp. */
async function savePoster(dataUrl: string, communityId: number): Promise<void> {
  const fileName = `双报到-社区二维码-${communityId}.png`;
  if (isH5()) {
    const a = document.createElement('a');
    a.href = dataUrl;
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    return;
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/sbd-qrcode-${communityId}.png`;
  await new Promise<void>((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: dataUrl.replace(/^data:image\/png;base64,/, ''),
      encoding: 'base64',
      success: () => resolve(),
      fail: (e) => reject(e),
    });
  });
  await Taro.saveImageToPhotosAlbum({ filePath });
}

/** 社区二维码: the poster members scan to register with this community. */
export default function PosterPage() {
  const session = useSession();
  const scope = communityAdminScope(session);
  const [dataUrl, setDataUrl] = useState('');
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState('');
  const saving = useAction();

  const load = async () => {
    if (!scope) return;
    setState('loading');
    const r = await attempt(fetchCommunityQrDataUrl(scope.communityId));
    if (r.ok) {
      setDataUrl(r.data);
      setState('ready');
    } else {
      setError(r.error.message);
      setState('error');
    }
  };

  useLoad(() => void load());

  if (!scope) return <AdminGate title="社区二维码" loggedIn={!!session?.accessToken} />;

  const save = async () => {
    await saving.run(() => savePoster(dataUrl, scope.communityId), {
      success: isH5() ? '已开始下载' : '已保存到相册',
      errorToast: false,
      onError: () => toast(isH5() ? '下载失败，请长按图片保存' : '保存失败，请在设置中允许保存到相册'),
    });
  };

  return (
    <Page title="社区二维码">
      <Text className="t-s t-muted block mb-32">
        {`${scope.communityName}：党员扫码即可进入报到页面。可打印张贴，或转发到工作群。`}
      </Text>
      {state === 'loading' ? <Loading text="二维码生成中…" /> : null}
      {state === 'error' ? <ErrorState message={error} onRetry={() => void load()} /> : null}
      {state === 'ready' ? (
        <View>
          <View className="poster">
            <Image
              className="poster-img"
              src={dataUrl}
              mode="widthFix"
              showMenuByLongpress
              imgProps={{ alt: `${scope.communityName}报到二维码` }}
              {...a11y(`${scope.communityName}报到二维码`, { role: 'img' })}
            />
          </View>
          <Btn onClick={() => void save()} loading={!!saving.busy} loadingText="正在保存…">
            {isH5() ? '下载二维码' : '保存到相册'}
          </Btn>
          <Btn variant="plain" onClick={() => void load()}>
            重新生成
          </Btn>
        </View>
      ) : null}
    </Page>
  );
}
