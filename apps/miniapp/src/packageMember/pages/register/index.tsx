import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { PAGES, RegistrationStatus } from '@sbd/contracts';
import { goLogin, replacePage } from '@/platform/nav';
import { useSession } from '@/platform/session';
import { Btn } from '@/ui/Button';
import { Page } from '@/ui/Page';
import { ErrorState, Loading } from '@/ui/States';
import { StatusBadge } from '@/ui/StatusBadge';
import { communityCodeFromParams } from '@/features/org/community';
import { CodeEntry, CommunityHeader } from '@/features/registration/CodeEntry';
import { RegistrationForm } from '@/features/registration/RegistrationForm';
import { useRegisterStart } from '@/features/registration/useRegisterStart';

/**
 * 党员报到: the community comes from the link (QR code), a scan or a typed code; signed-in members
 * fill in the form, or see the registration they already sent.
 */
export default function RegisterPage() {
  const router = useRouter();
  const session = useSession();
  const loggedIn = !!session?.accessToken;
  const start = useRegisterStart(communityCodeFromParams(router.params), loggedIn);
  const { code, community, existing } = start;

  if (!code) {
    return (
      <Page title="党员报到">
        <CodeEntry onCode={start.chooseCode} error={start.codeError} />
      </Page>
    );
  }

  if (start.loading && !community) {
    return (
      <Page title="党员报到">
        <Loading />
      </Page>
    );
  }

  if (start.loadError || !community) {
    return (
      <Page title="党员报到">
        <ErrorState message={start.loadError || '社区信息加载失败'} onRetry={start.reload} />
      </Page>
    );
  }

  if (!loggedIn) {
    return (
      <Page title="党员报到">
        <CommunityHeader community={community} />
        <View className="card">
          <Text className="block mb-32">报到前请先登录。没有账号可以直接注册。</Text>
          <Btn onClick={() => goLogin(`${PAGES.register}?community=${encodeURIComponent(community.code)}`)}>
            登录后报到
          </Btn>
        </View>
      </Page>
    );
  }

  if (existing && existing.status !== RegistrationStatus.Rejected) {
    return (
      <Page title="党员报到">
        <View className="card">
          <Text className="block mb-24">{`您已向「${existing.communityName}」提交报到。`}</Text>
          <StatusBadge status={existing.status} />
        </View>
        <Btn onClick={() => replacePage(PAGES.status)}>查看报到进度</Btn>
      </Page>
    );
  }

  return (
    <Page title="党员报到">
      <CommunityHeader community={community} />
      <RegistrationForm
        community={community}
        user={session?.user ?? null}
        existing={existing}
        notice={start.notice}
        noticeError={start.noticeError}
        onRetryNotice={start.loadNotice}
      />
    </Page>
  );
}
