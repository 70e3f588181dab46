import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { PAGES, type RegistrationDto } from '@sbd/contracts';
import { replacePage } from '@/platform/nav';
import { attempt } from '@/platform/request';
import { communityAdminScope, useSession } from '@/platform/session';
import { Btn } from '@/ui/Button';
import { Page } from '@/ui/Page';
import { ErrorState, Loading } from '@/ui/States';
import { RegistrationDetails } from '@/features/admin/RegistrationDetails';
import { ReviewDecision } from '@/features/admin/ReviewDecision';
import { fetchRegistration } from '@/features/registration/service';
import { AdminGate } from '@/packageAdmin/components/AdminGate';
import { getReviewing } from '@/packageAdmin/reviewing';

/** 审核报到: one registration, approved into the organisation or rejected with a reason. */
export default function ReviewPage() {
  const router = useRouter();
  const session = useSession();
  const scope = communityAdminScope(session);
  const id = Number(router.params?.id);
  // From the list (storage) at once; otherwise (H5 reload, opened from a notification) from the API.
  const [reg, setReg] = useState<RegistrationDto | null>(() => (Number.isFinite(id) ? getReviewing(id) : null));
  const [regState, setRegState] = useState<'ready' | 'loading' | 'missing'>(reg ? 'ready' : 'loading');

  const communityId = reg?.communityId ?? scope?.communityId ?? 0;

  useEffect(() => {
    if (reg) return;
    if (!Number.isInteger(id) || id <= 0 || !scope) {
      setRegState('missing');
      return;
    }
    let live = true;
    void attempt(fetchRegistration(id)).then((r) => {
      if (!live) return;
      if (r.ok) {
        setReg(r.data);
        setRegState('ready');
      } else {
        setRegState('missing');
      }
    });
    return () => {
      live = false;
    };
  }, [id, !!scope]);

  if (!scope) return <AdminGate title="审核报到" loggedIn={!!session?.accessToken} />;

  if (!reg && regState === 'loading') {
    return (
      <Page title="审核报到">
        <Loading />
      </Page>
    );
  }
  if (!reg) {
    return (
      <Page title="审核报到">
        <ErrorState message="没有找到这条报到申请，请返回列表重新打开。" />
        <Btn onClick={() => replacePage(PAGES.approvals)}>返回审核列表</Btn>
      </Page>
    );
  }

  return (
    <Page title="审核报到">
      <RegistrationDetails reg={reg} />
      <ReviewDecision reg={reg} communityId={communityId} />
    </Page>
  );
}
