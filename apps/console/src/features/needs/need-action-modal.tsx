import { NEED_ACTION_LABELS, NeedAction, type NeedDto } from '@sbd/contracts';
import { Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { ReasonInput } from '@/ui/reason-input';

export interface PendingNeedAction {
  need: NeedDto;
  action: NeedAction.Reject | NeedAction.Merge;
}

/** Asks for what a single reject (a reason) or merge (a target need) needs before it runs. */
export function NeedActionModal({
  pending,
  mergeTargets,
  onOk,
  onCancel,
}: {
  pending: PendingNeedAction | null;
  mergeTargets: NeedDto[];
  onOk: (input: { reason?: string; targetNeedId?: number }) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [target, setTarget] = useState<number | undefined>();
  useEffect(() => {
    setReason('');
    setTarget(undefined);
  }, [pending]);
  const rejecting = pending?.action === NeedAction.Reject;

  return (
    <Modal
      title={pending ? `${NEED_ACTION_LABELS[pending.action]}：${pending.need.title}` : ''}
      open={pending !== null}
      okText={pending ? NEED_ACTION_LABELS[pending.action] : ''}
      okButtonProps={{ danger: rejecting, disabled: rejecting ? reason.trim().length < 2 : target === undefined }}
      onOk={() => onOk({ reason, targetNeedId: target })}
      onCancel={onCancel}
    >
      {rejecting ? (
        <ReasonInput placeholder="请填写驳回原因（将通知居民）" value={reason} onChange={setReason} />
      ) : (
        <Select
          className="wide"
          placeholder="合并到哪条需求"
          aria-label="合并到哪条需求"
          value={target}
          options={mergeTargets
            .filter((n) => n.id !== pending?.need.id)
            .map((n) => ({ value: n.id, label: `#${n.id} ${n.title}` }))}
          onChange={setTarget}
        />
      )}
    </Modal>
  );
}
