import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Btn } from '@/ui/Button';
import { Segmented } from '@/ui/Choice';
import { PickerField } from '@/ui/Field';
import { a11y } from '@/platform/a11y';
import {
  customPeriodError,
  PERIOD_OPTIONS,
  periodFor,
  todayValue,
  type Period,
  type PeriodKind,
} from '@/packageStats/utils/period';
import './stats.css';

interface PeriodFilterProps {
  value: Period;
  onChange: (p: Period) => void;
  /** Injected in tests. */
  now?: () => Date;
}

/**
 * 本月 / 本季度 / 本年 / 自定义. The first three apply at once; 自定义 shows two date pickers and
 * applies with 查询 once the days make a valid period.
 */
export function PeriodFilter({ value, onChange, now = () => new Date() }: PeriodFilterProps) {
  const [kind, setKind] = useState<PeriodKind>(value.kind);
  const [from, setFrom] = useState(value.kind === 'custom' ? value.from : '');
  const [to, setTo] = useState(value.kind === 'custom' ? value.to : '');
  const [error, setError] = useState('');

  const pick = (k: PeriodKind) => {
    setKind(k);
    setError('');
    if (k !== 'custom') {
      onChange(periodFor(k, now()));
      return;
    }
    // Start the pickers on the period on screen.
    if (!from) setFrom(value.from);
    if (!to) setTo(value.to);
  };

  const apply = () => {
    const err = customPeriodError(from, to);
    setError(err ?? '');
    if (!err) onChange(periodFor('custom', now(), { from, to }));
  };

  return (
    <View>
      <Segmented label="统计周期" options={PERIOD_OPTIONS} value={kind} onChange={pick} />
      {kind === 'custom' ? (
        <View className="card">
          <PickerField
            label="开始日期"
            mode="date"
            value={from}
            end={todayValue(now())}
            onChange={(v) => (setFrom(v), setError(''))}
            required
          />
          <PickerField label="结束日期" mode="date" value={to} onChange={(v) => (setTo(v), setError(''))} required />
          {error ? (
            <Text className="field-error mt-n24 mb-32" {...a11y(undefined, { role: 'alert' })}>
              {`！${error}`}
            </Text>
          ) : null}
          <Btn onClick={apply}>查询</Btn>
        </View>
      ) : null}
      <Text className="st-period">
        {`统计期：${value.label}`}
        {value.kind === 'custom' ? null : <Text className="st-nowrap">{`（${value.from} 至 ${value.to}）`}</Text>}
      </Text>
    </View>
  );
}
