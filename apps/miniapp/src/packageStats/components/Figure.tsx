import { Text, View } from '@tarojs/components';
import { a11y, cx } from '@/platform/a11y';
import { NO_FIGURE, spoken } from '@/packageStats/utils/figures';
import './stats.css';

interface FigureProps {
  label: string;
  /** The number as text ("85.7%", "12.5"); "—" when there is none. */
  value: string;
  unit?: string;
  /** Said instead of a missing value ("报到率按单位和区统计"). */
  note?: string | null;
  hints?: Array<string | null | undefined | false>;
}

/** One headline figure: label, big number (or its note in words), and what it is made of. */
export function Figure({ label, value, unit, note, hints = [] }: FigureProps) {
  const none = value === NO_FIGURE;
  const lines = hints.filter(Boolean) as string[];
  const said = `${label}：${none && note ? note : `${spoken(value)}${none ? '' : (unit ?? '')}`}${lines.length ? `，${lines.join('，')}` : ''}`;
  return (
    <View className="st-fig" {...a11y(said)}>
      <Text className="st-fig-label">{label}</Text>
      <Text className={cx('st-fig-value', none && 'st-none')}>
        {value}
        {unit && !none ? <Text className="st-fig-unit">{unit}</Text> : null}
      </Text>
      {none && note ? <Text className="st-fig-note">{note}</Text> : null}
      {lines.map((h) => (
        <Text key={h} className="st-fig-hint">
          {h}
        </Text>
      ))}
    </View>
  );
}
