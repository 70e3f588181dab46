import { useState } from 'react';
import { View } from '@tarojs/components';
import { TaskAction, type TaskDto } from '@sbd/contracts';
import { confirmModal } from '@/platform/feedback';
import { Btn } from '@/ui/Button';
import { TextAreaField } from '@/ui/Field';
import { useAction } from '@/ui/hooks/useAction';
import { cancelTask, transitionTask, type TaskTransition } from '@/features/tasks/service';

const TRANSITIONS: { action: TaskAction; transition: TaskTransition; label: string; confirm?: string }[] = [
  { action: TaskAction.Publish, transition: 'publish', label: '发布' },
  { action: TaskAction.Start, transition: 'start', label: '开始任务' },
  {
    action: TaskAction.Complete,
    transition: 'complete',
    label: '完成任务',
    confirm: '完成后：未签到的党员记缺席，候补失效，关联的居民需求办结并邀请居民评价。确定完成吗？',
  },
  { action: TaskAction.Close, transition: 'close', label: '结项', confirm: '结项后任务归档。确定结项吗？' },
];

/** The status buttons the task allows (发布, 开始, 完成, 结项), and 取消 with a reason. */
export function TaskActions({ task, onDone }: { task: TaskDto; onDone: () => Promise<void> }) {
  const action = useAction<TaskAction>();
  const [cancelling, setCancelling] = useState(false);
  const [cancelReason, setCancelReason] = useState('');
  const [cancelError, setCancelError] = useState('');

  const run = async (t: (typeof TRANSITIONS)[number]) => {
    if (t.confirm && !(await confirmModal(t.label, t.confirm, t.label))) return;
    const r = await action.run(() => transitionTask(task.id, t.transition), {
      key: t.action,
      success: `已${t.label.replace('任务', '')}`,
    });
    if (r?.ok) await onDone();
  };
  const cancel = async () => {
    if (!cancelReason.trim()) {
      setCancelError('请填写取消原因，报名的党员会收到通知');
      return;
    }
    const r = await action.run(() => cancelTask(task.id, { reason: cancelReason.trim() }), {
      key: TaskAction.Cancel,
      success: '任务已取消',
      icon: 'none',
      onSuccess: () => setCancelling(false),
    });
    if (r?.ok) await onDone();
  };

  return (
    <>
      <View className="btn-row-wrap">
        {TRANSITIONS.filter((t) => task.allowedActions.includes(t.action)).map((t) => (
          <Btn
            key={t.action}
            variant="secondary"
            onClick={() => void run(t)}
            loading={action.busy === t.action}
            loadingText="处理中…"
          >
            {t.label}
          </Btn>
        ))}
        {task.allowedActions.includes(TaskAction.Cancel) && !cancelling ? (
          <Btn variant="danger" onClick={() => setCancelling(true)}>
            取消任务
          </Btn>
        ) : null}
      </View>
      {cancelling ? (
        <View className="card mt-32">
          <TextAreaField
            label="取消原因"
            value={cancelReason}
            onChange={(v) => {
              setCancelReason(v);
              setCancelError('');
            }}
            maxLength={200}
            required
            error={cancelError}
            placeholder="如：天气原因，活动延期"
          />
          <View className="btn-row">
            <Btn variant="plain" onClick={() => setCancelling(false)}>
              返回
            </Btn>
            <Btn
              variant="danger"
              onClick={() => void cancel()}
              loading={action.busy === TaskAction.Cancel}
              loadingText="提交中…"
            >
              确认取消
            </Btn>
          </View>
        </View>
      ) : null}
    </>
  );
}
