import { useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { a11y, cx, keyActivate } from '@/platform/a11y';
import { Btn } from './Button';
import { Stepper } from './Stepper';
import './Overlays.css';

/**
 * The H5 pickers: a sheet from the bottom of the page, inside <Page>, so 长辈版 gives it 18-px text
 * and 60-px rows (Taro's H5 picker wheel has fixed 34-px rows). weapp keeps WeChat's native picker.
 */
interface SheetProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
}

function Sheet({ title, onClose, children }: SheetProps) {
  return (
    <View className="overlay-mask overlay-bottom">
      <View className="sheet" {...a11y(title, { role: 'dialog', modal: true })}>
        <Text className="sheet-title" {...a11y(undefined, { role: 'heading', level: 2 })}>
          {title}
        </Text>
        {children}
        <View className="sheet-actions">
          <Btn variant="plain" onClick={onClose}>
            取消
          </Btn>
        </View>
      </View>
    </View>
  );
}

interface SelectSheetProps {
  title: string;
  options: string[];
  index: number;
  onPick: (index: number) => void;
  onClose: () => void;
}

/** One choice from a list: every option a full-width row; tapping one picks it and closes. */
export function SelectSheet({ title, options, index, onPick, onClose }: SelectSheetProps) {
  return (
    <Sheet title={title} onClose={onClose}>
      <View {...a11y(title, { role: 'radiogroup' })}>
        {options.map((label, i) => {
          const pick = () => onPick(i);
          return (
            <View
              key={`${i}-${label}`}
              className={cx('sheet-option', i === index && 'on')}
              onClick={pick}
              {...a11y(label, { role: 'radio', checked: i === index })}
              {...keyActivate(pick)}
            >
              <Text>{i === index ? `✓ ${label}` : label}</Text>
            </View>
          );
        })}
      </View>
    </Sheet>
  );
}

interface DateTimeSheetProps {
  title: string;
  mode: 'date' | 'time';
  /** "YYYY-MM-DD" / "HH:mm", or "" (today / 09:00). */
  value: string;
  start?: string;
  end?: string;
  onPick: (value: string) => void;
  onClose: () => void;
}

const pad = (n: number) => String(n).padStart(2, '0');

function initialParts(mode: 'date' | 'time', value: string): number[] {
  const parts = value.split(mode === 'date' ? '-' : ':').map(Number);
  if (parts.every((n) => Number.isFinite(n)) && parts.length === (mode === 'date' ? 3 : 2)) return parts;
  const now = new Date();
  return mode === 'date' ? [now.getFullYear(), now.getMonth() + 1, now.getDate()] : [9, 0];
}

/** A date (年/月/日) or a time (时/分, 5-minute steps) set with − / + buttons, then 确定. */
export function DateTimeSheet({ title, mode, value, start, end, onPick, onClose }: DateTimeSheetProps) {
  const [parts, setParts] = useState(() => initialParts(mode, value));
  const set = (i: number) => (n: number) => setParts((p) => p.map((v, j) => (j === i ? n : v)));
  const [a, b, c] = parts;
  const daysInMonth = mode === 'date' ? new Date(a, b, 0).getDate() : 0;
  const text = mode === 'date' ? `${a}-${pad(b)}-${pad(Math.min(c, daysInMonth))}` : `${pad(a)}:${pad(b)}`;
  const picked = start && text < start ? start : end && text > end ? end : text;
  const rows: [string, number, number, number, number][] =
    mode === 'date'
      ? [
          ['年', a, a - 50, a + 50, 1],
          ['月', b, 1, 12, 1],
          ['日', Math.min(c, daysInMonth), 1, daysInMonth, 1],
        ]
      : [
          ['时', a, 0, 23, 1],
          ['分', b, 0, 59, 5],
        ];
  return (
    <Sheet title={title} onClose={onClose}>
      {rows.map(([unit, v, min, max, step], i) => (
        <View key={unit} className="sheet-row">
          <Text className="sheet-row-label">{unit}</Text>
          <Stepper label={unit} value={v} min={min} max={max} step={step} onChange={set(i)} />
        </View>
      ))}
      <View className="sheet-actions">
        <Btn onClick={() => onPick(picked)}>{`确定：${picked}`}</Btn>
      </View>
    </Sheet>
  );
}
