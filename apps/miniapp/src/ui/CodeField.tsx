import { Input } from '@tarojs/components';
import { a11y } from '@/platform/a11y';
import { Field } from './Field';

interface CodeFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The keyboard's 完成/Enter: submit the code. */
  onConfirm: () => void;
  placeholder?: string;
  maxLength?: number;
  required?: boolean;
  error?: string;
  hint?: string;
}

/**
 * A code typed in by hand (a community's code, an e-card's check code), submitted with the
 * keyboard's confirm key as well as the button next to it; named by its label.
 */
export function CodeField({
  label,
  value,
  onChange,
  onConfirm,
  placeholder,
  maxLength = 64,
  required,
  error,
  hint,
}: CodeFieldProps) {
  return (
    <Field label={label} required={required} error={error} hint={hint}>
      <Input
        className="input"
        value={value}
        placeholder={placeholder}
        placeholderClass="input-placeholder"
        maxlength={maxLength}
        onInput={(e) => onChange(e.detail.value)}
        onConfirm={onConfirm}
        {...a11y(label)}
      />
    </Field>
  );
}
