import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { a11y, cx, keyActivate } from '@/platform/a11y';

interface SwitchRowProps {
  label: string;
  description?: string;
  checked: boolean;
  onChange: (next: boolean) => void;
}

/** A settings row with an on/off switch; the state is written ("已开启"/"已关闭"). */
export function SwitchRow({ label, description, checked, onChange }: SwitchRowProps) {
  const toggle = () => onChange(!checked);
  return (
    <View className="toggle" onClick={toggle} {...a11y(label, { role: 'switch', checked })} {...keyActivate(toggle)}>
      <View className="flex-1 pr-24">
        <Text className="t-bold block">{label}</Text>
        {description ? <Text className="t-s t-muted block">{description}</Text> : null}
      </View>
      <View className={cx('toggle-switch', checked && 'on')}>
        <Text>{checked ? '已开启' : '已关闭'}</Text>
      </View>
    </View>
  );
}

interface CheckboxProps {
  checked: boolean;
  onChange: (next: boolean) => void;
  /** Accessible name (the visible children may contain links). */
  label: string;
  children: ReactNode;
}

export function Checkbox({ checked, onChange, label, children }: CheckboxProps) {
  const toggle = () => onChange(!checked);
  return (
    <View className="check" onClick={toggle} {...a11y(label, { role: 'checkbox', checked })} {...keyActivate(toggle)}>
      <View className={cx('check-box', checked && 'on')}>
        <Text>{checked ? '✓' : ''}</Text>
      </View>
      <View className="flex-1">{children}</View>
    </View>
  );
}

interface ChipSelectProps<V extends string | number> {
  label: string;
  options: { value: V; label: string }[];
  selected: V[];
  onChange: (next: V[]) => void;
  max?: number;
}

/** Multi-select chips; chosen ones are marked with "✓" as well as colour. */
export function ChipSelect<V extends string | number>({ label, options, selected, onChange, max }: ChipSelectProps<V>) {
  return (
    <View className="chips" {...a11y(label)}>
      {options.map((o) => {
        const on = selected.includes(o.value);
        const toggle = () => {
          if (on) onChange(selected.filter((v) => v !== o.value));
          else if (!max || selected.length < max) onChange([...selected, o.value]);
        };
        return (
          <View
            key={String(o.value)}
            className={cx('chip', on && 'on')}
            onClick={toggle}
            {...a11y(o.label, { role: 'checkbox', checked: on })}
            {...keyActivate(toggle)}
          >
            <Text>{on ? `✓ ${o.label}` : o.label}</Text>
          </View>
        );
      })}
    </View>
  );
}
