import { Text, View } from '@tarojs/components';
import { DAY_PERIOD_LABELS, DayPeriod, WEEKDAY_LABELS, Weekday, type FreeTimeSlot } from '@sbd/contracts';
import { a11y, cx, keyActivate } from '@/platform/a11y';
import './FreeTimeGrid.css';

export const WEEKDAYS: Weekday[] = [
  Weekday.Mon,
  Weekday.Tue,
  Weekday.Wed,
  Weekday.Thu,
  Weekday.Fri,
  Weekday.Sat,
  Weekday.Sun,
];
export const PERIODS: DayPeriod[] = [DayPeriod.Morning, DayPeriod.Afternoon, DayPeriod.Evening];

export function hasSlot(slots: FreeTimeSlot[], weekday: Weekday, period: DayPeriod): boolean {
  return slots.some((s) => s.weekday === weekday && s.period === period);
}

export function toggleSlot(slots: FreeTimeSlot[], weekday: Weekday, period: DayPeriod): FreeTimeSlot[] {
  return hasSlot(slots, weekday, period)
    ? slots.filter((s) => !(s.weekday === weekday && s.period === period))
    : [...slots, { weekday, period }].sort(
        (a, b) => a.weekday - b.weekday || PERIODS.indexOf(a.period) - PERIODS.indexOf(b.period),
      );
}

interface FreeTimeGridProps {
  value: FreeTimeSlot[];
  onChange: (next: FreeTimeSlot[]) => void;
}

/** 空闲时间: weekday rows × 上午/下午/晚上 columns; a chosen cell reads "✓ 有空". */
export function FreeTimeGrid({ value, onChange }: FreeTimeGridProps) {
  return (
    <View className="ftg">
      <View className="ftg-row ftg-head">
        <View className="ftg-day" />
        {PERIODS.map((p) => (
          <View key={p} className="ftg-cell ftg-head-cell">
            <Text>{DAY_PERIOD_LABELS[p]}</Text>
          </View>
        ))}
      </View>
      {WEEKDAYS.map((d) => (
        <View key={d} className="ftg-row">
          <View className="ftg-day">
            <Text>{WEEKDAY_LABELS[d]}</Text>
          </View>
          {PERIODS.map((p) => {
            const on = hasSlot(value, d, p);
            const toggle = () => onChange(toggleSlot(value, d, p));
            return (
              <View
                key={p}
                className={cx('ftg-cell', 'ftg-option', on && 'on')}
                onClick={toggle}
                {...a11y(`${WEEKDAY_LABELS[d]}${DAY_PERIOD_LABELS[p]}`, { role: 'checkbox', checked: on })}
                {...keyActivate(toggle)}
              >
                <Text>{on ? '✓ 有空' : '—'}</Text>
              </View>
            );
          })}
        </View>
      ))}
    </View>
  );
}
