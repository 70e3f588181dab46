import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { PAGES, type JoinCommunityRequest } from '@sbd/contracts';
import { a11y } from '@/platform/a11y';
import { isWeapp } from '@/platform/env';
import { replacePage } from '@/platform/nav';
import { needCommunity, useSession } from '@/platform/session';
import { Btn } from '@/ui/Button';
import { CodeField } from '@/ui/CodeField';
import { Gate } from '@/ui/Gate';
import { useAction } from '@/ui/hooks/useAction';
import { Page } from '@/ui/Page';
import { communityCodeFromScan, normalizeCode } from '@/features/org/community';
import { joinCommunity } from '@/features/org/join';
import { NearbyCommunities } from '@/features/org/NearbyCommunities';

/**
 * 加入社区: someone without a community joins one — by the code on the community's poster, or by
 * choosing one nearby (by location; all communities by name when location is refused) — and goes
 * straight on to post a need.
 */
export default function JoinCommunityPage() {
  const session = useSession();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState('');
  const [error, setError] = useState('');
  const action = useAction();
  const joined = needCommunity(session);

  if (!session?.accessToken) return <Gate title="加入社区" loggedIn={false} need="" />;
  if (joined) {
    return (
      <Page title="加入社区">
        <View className="card">
          <Text className="block mb-32">{`您已是${joined.communityName}的成员，可以直接点单求助。`}</Text>
          <Btn onClick={() => replacePage(PAGES.postNeed)}>说出需求</Btn>
        </View>
      </Page>
    );
  }

  const join = (body: JoinCommunityRequest, showError: (message: string) => void) =>
    action.run(() => joinCommunity(body), {
      errorToast: false,
      success: (me) => `已加入${me.roles.find((r) => r.scopeName)?.scopeName ?? '社区'}`,
      onSuccess: () => replacePage(PAGES.postNeed),
      onError: (e) => showError(e.details[0]?.message ?? e.message),
    });

  const submitCode = () => {
    const normalized = normalizeCode(code);
    setError('');
    if (!normalized) {
      setCodeError('请输入正确的社区编码（字母或数字）');
      return;
    }
    setCodeError('');
    void join({ code: normalized }, setCodeError);
  };

  const scan = async () => {
    try {
      const found = communityCodeFromScan(await Taro.scanCode({ onlyFromCamera: false }));
      if (found) void join({ code: found }, setCodeError);
      else setCodeError('没有识别到社区二维码，请重试或手动输入编码');
    } catch {
      // cancelled
    }
  };

  return (
    <Page title="加入社区">
      <Text className="t-s t-muted block mb-32">加入您居住的社区后，就可以点单求助，党员志愿者上门服务。</Text>
      {error ? (
        <View className="notice notice-error" {...a11y(undefined, { role: 'alert' })}>
          <Text>{error}</Text>
        </View>
      ) : null}
      <View className="card">
        <CodeField
          label="社区编码"
          hint="社区海报二维码下方的编码"
          error={codeError}
          value={code}
          onChange={setCode}
          onConfirm={submitCode}
          placeholder="例如：TAOYUAN"
          maxLength={32}
        />
        <Btn onClick={submitCode} loading={!!action.busy} loadingText="正在加入…">
          用编码加入
        </Btn>
        {isWeapp() ? (
          <Btn variant="secondary" onClick={() => void scan()}>
            扫一扫社区二维码
          </Btn>
        ) : null}
      </View>
      <Text className="section-title">附近的社区</Text>
      <NearbyCommunities onPick={(c) => void join({ communityId: c.id }, setError)} />
    </Page>
  );
}
