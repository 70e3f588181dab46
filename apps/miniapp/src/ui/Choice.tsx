import { Text, View } from '@tarojs/components';
import { a11y, cx, keyActivate } from '@/platform/a11y';

export interface ChoiceOption<V extends string | number> {
  value: V;
  label: string;
}

interface RadioChipsProps<V extends string | number> {
  /** Accessible name of the group. */
  label: string;
  options: ChoiceOption<V>[];
  value: V | null;
  onChange: (value: V) => void;
}

/** Single choice as chips (category, kind, duration…); the chosen one reads "✓ …". */
export function RadioChips<V extends string | number>({ label, options, value, onChange }: RadioChipsProps<V>) {
  return (
    <View className="chips" {...a11y(label)}>
      {options.map((o) => {
        const on = o.value === value;
        const pick = () => onChange(o.value);
        return (
          <View
            key={String(o.value)}
            className={cx('chip', on && 'on')}
            onClick={pick}
            {...a11y(o.label, { role: 'radio', checked: on })}
            {...keyActivate(pick)}
          >
            <Text>{on ? `✓ ${o.label}` : o.label}</Text>
          </View>
        );
      })}
    </View>
  );
}

/** Tabs across the page (status filters): a tablist; the current tab is bold, underlined and selected. */
export function Segmented<V extends string | number>({ label, options, value, onChange }: RadioChipsProps<V>) {
  return (
    <View className="seg" {...a11y(label, { role: 'tablist' })}>
      {options.map((o) => {
        const on = o.value === value;
        const pick = () => onChange(o.value);
        return (
          <View
            key={String(o.value)}
            className={cx('seg-item', on && 'on')}
            onClick={pick}
            {...a11y(o.label, { role: 'tab', selected: on })}
            {...keyActivate(pick)}
          >
            <Text>{o.label}</Text>
          </View>
        );
      })}
    </View>
  );
}
