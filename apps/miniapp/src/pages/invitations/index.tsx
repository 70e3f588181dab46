import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { ROLE_LABELS, type RoleInvitationDto, type VerifiedPhoneDto } from '@sbd/contracts';
import { acceptInvitation, declineInvitation, myInvitations } from '@/features/staff/service';
import { PhoneVerification } from '@/features/registration/PhoneVerification';
import { fetchMe } from '@/features/auth/service';
import { confirmModal } from '@/platform/feedback';
import { formatDate } from '@/platform/format';
import { attempt } from '@/platform/request';
import { useSession } from '@/platform/session';
import { Badge } from '@/ui/Badge';
import { Btn } from '@/ui/Button';
import { Gate } from '@/ui/Gate';
import { useAction } from '@/ui/hooks/useAction';
import { useLoaded } from '@/ui/hooks/useLoaded';
import { Page } from '@/ui/Page';
import { Empty, ErrorState, Loading } from '@/ui/States';
import { SectionTitle } from '@/ui/SectionTitle';

const what = (i: RoleInvitationDto) => `${i.nodeName ? `${i.nodeName} · ` : ''}${ROLE_LABELS[i.role]}`;

/** One invitation: who offers which role where, with 接受 and 拒绝. */
function InvitationCard({ inv, onAnswered }: { inv: RoleInvitationDto; onAnswered: () => void }) {
  const action = useAction<'accept' | 'decline'>();
  const accept = () =>
    void action.run(() => acceptInvitation(inv.id), {
      key: 'accept',
      success: '已接受任命',
      // The new role shows on 我的 at once.
      onSuccess: () => void attempt(fetchMe(true)).finally(onAnswered),
    });
  const decline = async () => {
    if (!(await confirmModal('拒绝邀请', `确定拒绝担任${what(inv)}吗？`, '拒绝', true))) return;
    await action.run(() => declineInvitation(inv.id), { key: 'decline', success: '已拒绝', onSuccess: onAnswered });
  };
  return (
    <View className="item">
      <View className="row-top">
        <Text className="item-title">{what(inv)}</Text>
        <Badge text="待确认" tone="pending" />
      </View>
      <Text className="item-line">{`邀请人：${inv.invitedByName} · 手机号 ${inv.phone}`}</Text>
      <Text className="item-line">
        {inv.termEndsAt ? `任期至 ${formatDate(inv.termEndsAt)}` : '任期：直至卸任'}
        {` · 请在 ${formatDate(inv.expiresAt)} 前确认`}
      </Text>
      {inv.note ? <Text className="block mt-16">{inv.note}</Text> : null}
      <View className="mt-24">
        <Btn onClick={accept} loading={action.busy === 'accept'} loadingText="正在接受…">
          接受任命
        </Btn>
        <Btn variant="plain" onClick={() => void decline()} loading={action.busy === 'decline'}>
          拒绝
        </Btn>
      </View>
    </View>
  );
}

/**
 * 我的邀请: staff roles (社区管理员、网格长…) offered to the user's phone. Invitations are shown
 * only for a verified phone, so the page offers to verify one.
 */
export default function InvitationsPage() {
  const session = useSession();
  const loggedIn = !!session?.accessToken;
  const list = useLoaded(myInvitations, { active: loggedIn });
  const [phone, setPhone] = useState('');
  const [verified, setVerified] = useState<VerifiedPhoneDto | null>(null);

  if (!loggedIn) return <Gate title="我的邀请" loggedIn={false} need="" />;

  const onVerified = (v: VerifiedPhoneDto) => {
    setVerified(v);
    void list.reload();
  };

  return (
    <Page title="我的邀请">
      {list.state === 'loading' ? <Loading /> : null}
      {list.state === 'error' ? <ErrorState message={list.error} onRetry={() => void list.reload()} /> : null}
      {list.data?.length === 0 ? <Empty text="暂无待确认的任命邀请" /> : null}
      {list.data?.map((inv) => (
        <InvitationCard key={inv.id} inv={inv} onAnswered={() => void list.reload()} />
      ))}
      <SectionTitle>没有看到邀请？</SectionTitle>
      <View className="card">
        <Text className="t-s t-muted block mb-32">
          任命邀请发送到手机号。请验证邀请人填写的手机号，验证后即可在这里看到发给该号码的邀请。
        </Text>
        <PhoneVerification phone={phone} onPhoneChange={setPhone} verified={verified} onVerified={onVerified} />
      </View>
    </Page>
  );
}
