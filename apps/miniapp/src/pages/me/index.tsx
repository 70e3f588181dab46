import { useDidShow } from '@tarojs/taro';
import { attempt } from '@/platform/request';
import { isLoggedIn, pickActiveRole, useSession } from '@/platform/session';
import { Page } from '@/ui/Page';
import {
  AccountCard,
  ElderlySetting,
  InvitationsEntry,
  PrivacyAndAccount,
  RoleSwitcher,
} from '@/features/account/MeSections';
import { fetchMe } from '@/features/auth/service';

/** 我的: account, roles to act as, staff invitations, 长辈版, privacy notice, logout and account deletion. */
export default function MePage() {
  const session = useSession();
  const user = session?.user ?? null;
  const activeKey = user ? pickActiveRole(user.roles, session?.activeRole ?? null) : null;

  useDidShow(() => {
    if (isLoggedIn()) void attempt(fetchMe(true));
  });

  return (
    <Page title="我的">
      <AccountCard user={user} />
      {user ? <RoleSwitcher user={user} activeKey={activeKey} /> : null}
      {user ? <InvitationsEntry /> : null}
      <ElderlySetting />
      <PrivacyAndAccount loggedIn={!!user} />
    </Page>
  );
}
