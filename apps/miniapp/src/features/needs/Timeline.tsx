import { Text, View } from '@tarojs/components';
import { cx } from '@/platform/a11y';
import { formatDateTime } from '@/platform/format';
import { STEP_STATE_LABELS, type TimelineStep } from '@/features/loop/loop';

const MARK = { done: '✓', current: '●', todo: '○', stopped: '✕' } as const;

/** Vertical steps; each says its state in words ("已完成 / 进行中 / 未开始 / 已终止"). */
export function Timeline({ steps }: { steps: TimelineStep[] }) {
  return (
    <View className="tl">
      {steps.map((s, i) => (
        <View key={s.key} className={cx('tl-step', `tl-${s.state}`, i === steps.length - 1 && 'tl-last')}>
          <View className="tl-mark">
            <Text>{MARK[s.state]}</Text>
          </View>
          <View className="tl-body">
            <View className="row-between">
              <Text className="tl-title">{s.title}</Text>
              <Text className="tl-state">{STEP_STATE_LABELS[s.state]}</Text>
            </View>
            {s.time && (s.state === 'done' || s.key === 'submit') ? (
              <Text className="tl-time">{formatDateTime(s.time)}</Text>
            ) : null}
            {s.note ? <Text className="tl-note">{s.note}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  );
}
