import { useState, type ReactNode } from 'react';
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { isH5 } from '@/platform/env';
import { a11y, cx, keyActivate } from '@/platform/a11y';
import { inPageOverlays } from '@/platform/overlays';
import { DateTimeSheet, SelectSheet } from './PickerSheet';

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

/**
 * A choice from a list showing the chosen label ("请选择" when empty): WeChat's native picker on
 * weapp, the app's own sheet on H5 (sized for 长辈版).
 */
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
  const [open, setOpen] = useState(false);
  const inPage = inPageOverlays();
  const index = options.findIndex((o) => o.value === value);
  const current = index >= 0 ? options[index] : null;
  const empty = options.length === 0;
  const off = disabled || empty;
  const pick = (i: number) => {
    const picked = options[i];
    if (picked) onChange(picked.value);
  };
  const face = (
    <SelectFace
      label={label}
      text={current ? current.label : empty ? '暂无可选项' : placeholder}
      chosen={!!current}
      disabled={off}
      onOpen={inPage && !off ? () => setOpen(true) : undefined}
    />
  );
  return (
    <Field label={label} required={required} error={error} hint={hint}>
      {inPage ? (
        face
      ) : (
        <Picker
          mode="selector"
          range={options.map((o) => o.label)}
          value={Math.max(index, 0)}
          disabled={off}
          onChange={(e) => pick(Number(e.detail.value))}
        >
          {face}
        </Picker>
      )}
      {open ? (
        <SelectSheet
          title={`选择${label}`}
          options={options.map((o) => o.label)}
          index={index}
          onPick={(i) => (pick(i), setOpen(false))}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </Field>
  );
}

interface SelectFaceProps {
  label: string;
  text: string;
  chosen: boolean;
  disabled?: boolean;
  /** H5: opens the sheet (on weapp the native Picker around it does). */
  onOpen?: () => void;
}

/**
 * What a picker shows closed: the value (or placeholder) and ▾, a button to open it named
 * "<label>：<what it shows>" (the visible text is part of the name).
 */
function SelectFace({ label, text, chosen, disabled, onOpen }: SelectFaceProps) {
  const open = () => onOpen?.();
  return (
    <View
      className="select"
      onClick={onOpen ? open : undefined}
      {...a11y(`${label}：${text}`, { role: 'button', disabled })}
      {...(onOpen ? keyActivate(open) : {})}
    >
      <Text className={chosen ? '' : 'select-placeholder'}>{text}</Text>
      <Text className="t-muted" {...a11y(undefined, { hidden: true })}>
        ▾
      </Text>
    </View>
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

/** A date / time showing the chosen value: WeChat's native picker on weapp, the app's sheet on H5. */
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
  const [open, setOpen] = useState(false);
  const inPage = inPageOverlays();
  const face = (
    <SelectFace
      label={label}
      text={value || placeholder}
      chosen={!!value}
      onOpen={inPage ? () => setOpen(true) : undefined}
    />
  );
  return (
    <Field label={label} required={required} error={error} hint={hint}>
      {inPage ? (
        face
      ) : (
        <Picker mode={mode} value={value} start={start} end={end} onChange={(e) => onChange(String(e.detail.value))}>
          {face}
        </Picker>
      )}
      {open ? (
        <DateTimeSheet
          title={`选择${label}`}
          mode={mode}
          value={value}
          start={start}
          end={end}
          onPick={(v) => (onChange(v), setOpen(false))}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </Field>
  );
}
