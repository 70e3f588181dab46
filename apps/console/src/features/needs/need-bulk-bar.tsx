import { NEED_ACTION_LABELS, NeedAction } from '@sbd/contracts';
import { Alert, Button, Modal, Space } from 'antd';
import { useState } from 'react';
import { BULK_ACTIONS, bulkReportTitle, eligibleFor } from './need-bulk';
import type { NeedSelection } from './use-need-selection';
import { ReasonInput } from '@/ui/reason-input';

/** 已选 N 条 with one button per bulk action (how many it applies to), and the last run's report. */
export function NeedBulkBar({ selection: s }: { selection: NeedSelection }) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const rejectCount = eligibleFor(s.chosen, NeedAction.Reject).length;
  const start = (a: NeedAction) => {
    if (a !== NeedAction.Reject) return void s.run(a);
    setReason('');
    setRejecting(true);
  };

  return (
    <>
      {s.chosen.length > 0 && (
        <div className="bulk-bar" role="region" aria-label="批量操作">
          <Space wrap>
            <span>已选 {s.chosen.length} 条</span>
            {BULK_ACTIONS.map((a) => {
              const n = eligibleFor(s.chosen, a).length;
              return (
                <Button
                  key={a}
                  danger={a === NeedAction.Reject}
                  type={a === NeedAction.Reject ? 'default' : 'primary'}
                  disabled={n === 0 || s.running}
                  loading={s.running}
                  onClick={() => start(a)}
                >
                  批量{NEED_ACTION_LABELS[a]}（{n}）
                </Button>
              );
            })}
            <Button type="link" onClick={s.clear}>
              取消选择
            </Button>
          </Space>
        </div>
      )}
      {s.report && (
        <Alert
          className="bulk-report"
          showIcon
          closable
          type={s.report.failed.length ? 'warning' : 'success'}
          message={bulkReportTitle(s.report)}
          description={
            s.report.failed.length > 0 && (
              <ul className="bulk-failures">
                {s.report.failed.map((f) => (
                  <li key={f.id}>
                    {f.title}：{f.message}
                  </li>
                ))}
              </ul>
            )
          }
          onClose={s.dismissReport}
        />
      )}
      <Modal
        title={`批量驳回 ${rejectCount} 条需求`}
        open={rejecting}
        okText="驳回"
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
        onOk={() => {
          setRejecting(false);
          void s.run(NeedAction.Reject, reason.trim());
        }}
        onCancel={() => setRejecting(false)}
      >
        <ReasonInput placeholder="请填写驳回原因（将通知每位居民）" value={reason} onChange={setReason} />
      </Modal>
    </>
  );
}
