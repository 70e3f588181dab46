import type { ReactNode } from 'react';
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { isH5 } from '@/platform/env';
import { a11y, cx } from '@/platform/a11y';

interface FieldProps {
  label: string;
  required?: boolean;
  error?: string;
  hint?: string;
  children: ReactNode;
}

/** Label above the control; "必填" and errors are written out, not only coloured. */
export function Field({ label, required, error, hint, children }: FieldProps) {
  return (
    <View className={cx('field', error && 'field-invalid')}>
      <Text className="field-label">
        {label}
        {required ? <Text className="field-required">（必填）</Text> : null}
      </Text>
      {children}
      {hint && !error ? <Text className="field-hint">{hint}</Text> : null}
      {error ? (
        <Text className="field-error" {...a11y(undefined, { role: 'alert' })}>
          {`！${error}`}
        </Text>
      ) : null}
    </View>
  );
}

export type TextFieldKind = 'text' | 'phone' | 'password' | 'idcard' | 'number';

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  kind?: TextFieldKind;
  placeholder?: string;
  maxLength?: number;
  required?: boolean;
  error?: string;
  hint?: string;
  disabled?: boolean;
}

function inputType(kind: TextFieldKind): 'text' | 'number' | 'idcard' {
  if (kind === 'phone' || kind === 'number') return isH5() ? 'text' : 'number';
  if (kind === 'idcard') return isH5() ? 'text' : 'idcard';
  return 'text';
}

export function TextField({
  label,
  value,
  onChange,
  kind = 'text',
  placeholder,
  maxLength = 100,
  required,
  error,
  hint,
  disabled,
}: TextFieldProps) {
  return (
    <Field label={label} required={required} error={error} hint={hint}>
      <Input
        className="input"
        value={value}
        type={inputType(kind)}
        password={kind === 'password'}
        placeholder={placeholder}
        placeholderClass="input-placeholder"
        maxlength={maxLength}
        disabled={disabled}
        onInput={(e) => onChange(e.detail.value)}
        {...a11y(label)}
      />
    </Field>
  );
}

interface TextAreaFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  maxLength?: number;
  required?: boolean;
  error?: string;
  hint?: string;
}

export function TextAreaField({
  label,
  value,
  onChange,
  placeholder,
  maxLength = 200,
  required,
  error,
  hint,
}: TextAreaFieldProps) {
  return (
    <Field label={label} required={required} error={error} hint={hint ?? `${value.length}/${maxLength}`}>
      <Textarea
        className="textarea"
        value={value}
        placeholder={placeholder}
        placeholderClass="input-placeholder"
        maxlength={maxLength}
        autoHeight
        onInput={(e) => onChange(e.detail.value)}
        {...a11y(label)}
      />
    </Field>
  );
}

export interface SelectOption<V extends string | number = number> {
  value: V;
  label: string;
}

interface SelectFieldProps<V extends string | number> {
  label: string;
  options: SelectOption<V>[];
  value: V | null;
  onChange: (value: V) => void;
  placeholder?: string;
  required?: boolean;
  error?: string;
  hint?: string;
  disabled?: boolean;
}

/** A native picker (weapp) / Taro H5 picker showing the chosen label; "请选择" when empty. */
export function SelectField<V extends string | number>({
  label,
  options,
  value,
  onChange,
  placeholder = '请选择',
  required,
  error,
  hint,
  disabled,
}: SelectFieldProps<V>) {
  const index = options.findIndex((o) => o.value === value);
  const current = index >= 0 ? options[index] : null;
  const empty = options.length === 0;
  return (
    <Field label={label} required={required} error={error} hint={hint}>
      <Picker
        mode="selector"
        range={options.map((o) => o.label)}
        value={Math.max(index, 0)}
        disabled={disabled || empty}
        onChange={(e) => {
          const picked = options[Number(e.detail.value)];
          if (picked) onChange(picked.value);
        }}
      >
        <View
          className="select"
          {...a11y(`${label}：${current ? current.label : '未选择'}`, { role: 'button', disabled: disabled || empty })}
        >
          <Text className={current ? '' : 'select-placeholder'}>
            {current ? current.label : empty ? '暂无可选项' : placeholder}
          </Text>
          <Text className="t-muted" {...a11y(undefined, { hidden: true })}>
            ▾
          </Text>
        </View>
      </Picker>
    </Field>
  );
}

interface PickerFieldProps {
  label: string;
  mode: 'date' | 'time';
  /** "YYYY-MM-DD" or "HH:mm"; "" when not chosen. */
  value: string;
  onChange: (value: string) => void;
  start?: string;
  end?: string;
  placeholder?: string;
  required?: boolean;
  error?: string;
  hint?: string;
}

/** The native date / time picker showing the chosen value in words. */
export function PickerField({
  label,
  mode,
  value,
  onChange,
  start,
  end,
  placeholder = '请选择',
  required,
  error,
  hint,
}: PickerFieldProps) {
  return (
    <Field label={label} required={required} error={error} hint={hint}>
      <Picker mode={mode} value={value} start={start} end={end} onChange={(e) => onChange(String(e.detail.value))}>
        <View className="select" {...a11y(`${label}：${value || '未选择'}`, { role: 'button' })}>
          <Text className={value ? '' : 'select-placeholder'}>{value || placeholder}</Text>
          <Text className="t-muted" {...a11y(undefined, { hidden: true })}>
            ▾
          </Text>
        </View>
      </Picker>
    </Field>
  );
}
