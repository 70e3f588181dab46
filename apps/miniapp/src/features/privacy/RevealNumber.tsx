import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { PII_REVEAL_REASON_MAX, type PiiRevealRequest } from '@sbd/contracts';
import { Btn, LinkAction } from '@/ui/Button';
import { TextField } from '@/ui/Field';
import { useAction } from '@/ui/hooks/useAction';
import { revealNumber } from './service';

export const REASON_REQUIRED = '请填写查看完整号码的原因';

export interface RevealNumberProps {
  /** What the number is, e.g. 联系电话, 手机号, 身份证号. */
  label: string;
  /** The number as the API sent it (masked). */
  masked: string;
  /** Which number of which record; the reason is asked for here. */
  target: Omit<PiiRevealRequest, 'reason'>;
  /** Names the record in the accessible names (e.g. the need's title, the member's name). */
  of?: string;
}

/**
 * A masked number with 查看完整号码: the staff member gives a reason, the API answers the full
 * number and records the reveal in the audit log. The full number is kept only on this screen.
 */
export function RevealNumber({ label, masked, target, of }: RevealNumberProps) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [full, setFull] = useState<string | null>(null);
  const action = useAction<'reveal'>();
  const name = `${label}${of ? `（${of}）` : ''}`;

  const submit = async () => {
    const why = reason.trim();
    if (!why) {
      setError(REASON_REQUIRED);
      return;
    }
    await action.run(() => revealNumber({ ...target, reason: why }), {
      key: 'reveal',
      errorToast: false,
      onSuccess: (r) => {
        setFull(r.value);
        setOpen(false);
      },
      onError: (e) => setError(e.fieldMessage('reason') ?? e.message),
    });
  };

  return (
    <View className="reveal-number">
      <View className="kv">
        <Text className="kv-key">{label}</Text>
        <Text className="kv-value">{full ?? masked}</Text>
      </View>
      {!full && !open ? (
        <LinkAction onClick={() => setOpen(true)} label={`查看完整号码：${name}`}>
          查看完整号码
        </LinkAction>
      ) : null}
      {open ? (
        <View className="inline-form">
          <TextField
            label="查看原因"
            value={reason}
            onChange={(v) => {
              setReason(v);
              setError('');
            }}
            maxLength={PII_REVEAL_REASON_MAX}
            placeholder="如：电话联系居民确认上门时间"
            hint="查看完整号码会记录在审计日志中"
            required
            error={error}
          />
          <View className="btn-row">
            <Btn variant="plain" onClick={() => setOpen(false)}>
              取消
            </Btn>
            <Btn onClick={() => void submit()} loading={action.busy === 'reveal'} loadingText="查询中…">
              确认查看
            </Btn>
          </View>
        </View>
      ) : null}
    </View>
  );
}
