import { ROUTES, type ClaimDto } from '@sbd/contracts';
import { App, Modal } from 'antd';
import { useState } from 'react';
import { call } from '@/platform/api';
import { ReasonInput } from '@/ui/reason-input';

/** 驳回 one claim's hours with a reason (the member is told it); `claim` null: closed. */
export function RejectClaimModal(props: {
  claim: ClaimDto | null;
  onClose: () => void;
  onRejected: (id: number) => Promise<void>;
}) {
  const { claim } = props;
  const [reason, setReason] = useState('');
  const { message } = App.useApp();
  const reject = async () => {
    if (!claim) return;
    try {
      await call(ROUTES.claims.reject, { params: { id: claim.id }, body: { reason: reason.trim() } });
      void message.success(`已驳回 ${claim.memberName} 的服务时长`);
      setReason('');
      await props.onRejected(claim.id);
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <Modal
      title={claim ? `驳回 ${claim.memberName} 的服务时长` : ''}
      open={claim !== null}
      okText="驳回"
      okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
      onOk={() => void reject()}
      onCancel={props.onClose}
    >
      <ReasonInput placeholder="请填写不通过的原因（将通知党员）" value={reason} onChange={setReason} />
    </Modal>
  );
}
