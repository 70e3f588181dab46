import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { CALLUP_STATUS_LABELS, CallupStatus, type CallupDto } from '@sbd/contracts';
import { Badge } from '@/ui/Badge';
import { Btn } from '@/ui/Button';
import { Field } from '@/ui/Field';
import { Stepper } from '@/ui/Stepper';
import { CallupGroups, FullMusterExport } from './CallupGroups';
import { closeCallup, formGroups, getCallup, saveMuster } from '@/features/callups/service';
import { formatDateTime } from '@/platform/format';
import { confirmModal } from '@/platform/feedback';
import { useAction } from '@/ui/hooks/useAction';

/** One call-up as staff see it: answers so far, groups, and refresh / group / export / close. */
export function CallupAdminCard({ callup, onChanged }: { callup: CallupDto; onChanged: (c: CallupDto) => void }) {
  const [size, setSize] = useState(5);
  const action = useAction<'refresh' | 'groups' | 'close' | 'export'>();
  const busy = action.busy;
  const open = callup.status === CallupStatus.Open;
  const silent = Math.max(0, callup.notifiedCount - callup.availableCount - callup.unavailableCount);

  const act = async (what: 'refresh' | 'groups' | 'close') => {
    if (
      what === 'close' &&
      !(await confirmModal('结束召集', `确定结束“${callup.title}”吗？结束后党员不能再回复。`, '结束', true))
    )
      return;
    await action.run(
      () =>
        what === 'groups'
          ? formGroups(callup.id, size)
          : what === 'close'
            ? closeCallup(callup.id)
            : getCallup(callup.id),
      {
        key: what,
        onSuccess: onChanged,
      },
    );
  };

  return (
    <View className="item">
      <View className="row-top">
        <Text className="item-title">{callup.title}</Text>
        <Badge
          text={CALLUP_STATUS_LABELS[callup.status]}
          tone={open ? 'rejected' : 'neutral'}
          icon={open ? '●' : undefined}
        />
      </View>
      <Text className="item-line">{`${callup.scopeName} · ${formatDateTime(callup.createdAt)} · ${callup.place}`}</Text>
      <View className="stat-grid mt-24">
        <View className="stat">
          <Text className="stat-value">{callup.availableCount}</Text>
          <Text className="stat-label">能到</Text>
        </View>
        <View className="stat">
          <Text className="stat-value t-text-2">{callup.unavailableCount}</Text>
          <Text className="stat-label">不能到</Text>
        </View>
      </View>
      <Text className="item-line">{`已通知 ${callup.notifiedCount} 人，未回复 ${silent} 人${callup.needed ? `，需要 ${callup.needed} 人` : ''}`}</Text>
      <CallupGroups callup={callup} />
      {open ? (
        <View className="mt-32">
          <Field label="每组人数">
            <Stepper label="每组人数" value={size} min={1} max={50} onChange={setSize} unit="人" />
          </Field>
        </View>
      ) : null}
      <View className="btn-row-wrap">
        <Btn variant="plain" onClick={() => void act('refresh')} loading={busy === 'refresh'} loadingText="刷新中…">
          刷新回复
        </Btn>
        {open ? (
          <Btn variant="secondary" onClick={() => void act('groups')} loading={busy === 'groups'} loadingText="编组中…">
            按回复编组
          </Btn>
        ) : null}
        <Btn
          variant="secondary"
          onClick={() => {
            void action.run(() => saveMuster(callup.id), { key: 'export', errorToast: false });
          }}
          loading={busy === 'export'}
          loadingText="导出中…"
        >
          导出花名册
        </Btn>
        {open ? (
          <Btn variant="danger" onClick={() => void act('close')} loading={busy === 'close'} loadingText="处理中…">
            结束召集
          </Btn>
        ) : null}
      </View>
      <FullMusterExport callupId={callup.id} />
    </View>
  );
}
