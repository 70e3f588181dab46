import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { PII_REVEAL_REASON_MAX, PiiField, PiiObjectType, type CallupDto } from '@sbd/contracts';
import { saveMuster } from '@/features/callups/service';
import { REASON_REQUIRED, RevealNumber } from '@/features/privacy/RevealNumber';
import { Btn, LinkAction } from '@/ui/Button';
import { TextField } from '@/ui/Field';
import { useAction } from '@/ui/hooks/useAction';

/** The groups of a call-up: each member's masked phone, with 查看完整号码 (reason asked, audited). */
export function CallupGroups({ callup }: { callup: CallupDto }) {
  return (
    <>
      {callup.groups.map((g) => (
        <View key={g.index} className="mt-16">
          <Text className="item-line">{`${g.name}：${g.members.map((m) => (m.userId === g.leaderUserId ? `${m.name}（组长）` : m.name)).join('、')}`}</Text>
          {g.members.map((m) => (
            <RevealNumber
              key={m.userId}
              label={m.name}
              masked={m.phone}
              target={{
                objectType: PiiObjectType.Callup,
                objectId: callup.id,
                field: PiiField.Phone,
                memberUserId: m.userId,
              }}
              of={g.name}
            />
          ))}
        </View>
      ))}
    </>
  );
}

/**
 * 导出完整号码花名册: the muster list with full phones, only with a reason (recorded in the audit
 * log); the plain export on the card masks them.
 */
export function FullMusterExport({ callupId }: { callupId: number }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const action = useAction<'export'>();
  const submit = async () => {
    const why = reason.trim();
    if (!why) {
      setError(REASON_REQUIRED);
      return;
    }
    await action.run(() => saveMuster(callupId, why), { key: 'export', onSuccess: () => setOpen(false) });
  };
  if (!open) {
    return (
      <LinkAction onClick={() => setOpen(true)} label="导出含完整号码的花名册">
        导出含完整号码的花名册
      </LinkAction>
    );
  }
  return (
    <View className="inline-form">
      <TextField
        label="导出原因"
        value={reason}
        onChange={(v) => {
          setReason(v);
          setError('');
        }}
        maxLength={PII_REVEAL_REASON_MAX}
        placeholder="如：逐一电话通知集合"
        hint="完整号码的导出会记录在审计日志中"
        required
        error={error}
      />
      <View className="btn-row">
        <Btn variant="plain" onClick={() => setOpen(false)}>
          取消
        </Btn>
        <Btn onClick={() => void submit()} loading={action.busy === 'export'} loadingText="导出中…">
          确认导出
        </Btn>
      </View>
    </View>
  );
}
