import { Text, View } from '@tarojs/components';
import { a11y, cx, keyActivate } from '@/platform/a11y';

interface StepperProps {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
  unit?: string;
  /** How much one tap adds or takes (1). */
  step?: number;
}

/** A number with big − / + buttons (no keyboard needed). */
export function Stepper({ label, value, min, max, onChange, unit = '', step = 1 }: StepperProps) {
  const dec = () => value > min && onChange(Math.max(min, value - step));
  const inc = () => value < max && onChange(Math.min(max, value + step));
  return (
    <View className="stepper" {...a11y(`${label}：${value}${unit}`)}>
      <View
        className={cx('stepper-btn', value <= min && 'off')}
        onClick={dec}
        {...a11y(`减少${label}`, { role: 'button', disabled: value <= min })}
        {...keyActivate(dec)}
      >
        <Text>−</Text>
      </View>
      <Text className="stepper-value">{`${value}${unit}`}</Text>
      <View
        className={cx('stepper-btn', value >= max && 'off')}
        onClick={inc}
        {...a11y(`增加${label}`, { role: 'button', disabled: value >= max })}
        {...keyActivate(inc)}
      >
        <Text>+</Text>
      </View>
    </View>
  );
}
