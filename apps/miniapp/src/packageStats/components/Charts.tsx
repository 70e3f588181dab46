import { Text, View } from '@tarojs/components';
import { useElderly } from '@/platform/elderly';
import { a11y } from '@/platform/a11y';
import { columnsFit, type Chart, type CountRow } from '@/packageStats/utils/chart';
import './stats.css';

interface ChartProps {
  chart: Chart;
  label: string;
  caption?: string;
  /** What one gridline interval is worth ("每格2次"): columns only, rows have no gridlines. */
  gridNote?: string;
}

/**
 * The trend, drawn with views (WeChat and H5 alike): columns when they fit the 375-pt screen
 * (a month by week), else one bar per row (a quarter by week, a year by month), so nothing ever
 * scrolls sideways. Every bar is read out as "2026年3月：服务次数12次".
 */
export function TrendChart(props: ChartProps) {
  const elderly = useElderly().enabled;
  return columnsFit(props.chart.bars.length, elderly) ? <ColumnChart {...props} /> : <RowChart {...props} />;
}

/** Columns with gridlines at the axis ticks, the value above each column and its bucket below. */
export function ColumnChart({ chart, label, caption, gridNote }: ChartProps) {
  const { axis, bars } = chart;
  return (
    <View className="st-chart st-chart-cols" {...a11y(label, { role: 'group' })}>
      <View>
        <View className="st-cols">
          <View className="st-grid-lines" {...a11y(undefined, { hidden: true })}>
            {axis.ticks.map((t) => (
              <View
                key={t}
                className={t === 0 ? 'st-grid-line st-base' : 'st-grid-line'}
                style={{ bottom: `${(t / axis.max) * 100}%` }}
              />
            ))}
          </View>
          {bars.map((b) => (
            <View key={b.key} className="st-col" {...a11y(b.spoken, { role: 'img' })}>
              <View className="st-cell" {...a11y(undefined, { hidden: true })}>
                <View className="st-bar" style={{ height: `${b.pct}%` }}>
                  <Text className="st-bar-val">{b.valueText}</Text>
                </View>
              </View>
              <Text className="st-col-label" {...a11y(undefined, { hidden: true })}>
                {b.label}
              </Text>
            </View>
          ))}
        </View>
      </View>
      {caption || gridNote ? (
        <Text className="st-caption">{[caption, gridNote].filter(Boolean).join('；')}</Text>
      ) : null}
    </View>
  );
}

/** One row per bucket: label, bar (on the same axis as the columns would be), value. */
export function RowChart({ chart, label, caption }: ChartProps) {
  return (
    <View className="st-chart st-chart-rows" {...a11y(label, { role: 'group' })}>
      {chart.bars.map((b) => (
        <View key={b.key} className="st-hbar" {...a11y(b.spoken, { role: 'img' })}>
          <Text className="st-hbar-label st-hbar-label-short">{b.label}</Text>
          <View className="st-hbar-track" {...a11y(undefined, { hidden: true })}>
            <View className="st-hbar-fill" style={{ width: `${b.pct}%` }} />
          </View>
          <Text className="st-hbar-count">{b.valueText}</Text>
        </View>
      ))}
      {caption ? <Text className="st-caption">{caption}</Text> : null}
    </View>
  );
}

/** Counts as horizontal bars (label, bar, "12个"), every row read out as "微服务：12个". */
export function BarList({ rows, unit = '个', label }: { rows: CountRow[]; unit?: string; label: string }) {
  return (
    <View {...a11y(label, { role: 'group' })}>
      {rows.map((r) => (
        <View key={r.key} className="st-hbar" {...a11y(`${r.label}：${r.count}${unit}`, { role: 'img' })}>
          <Text className="st-hbar-label">{r.label}</Text>
          <View className="st-hbar-track" {...a11y(undefined, { hidden: true })}>
            <View className="st-hbar-fill" style={{ width: `${r.pct}%` }} />
          </View>
          <Text className="st-hbar-count">{`${r.count}${unit}`}</Text>
        </View>
      ))}
    </View>
  );
}
