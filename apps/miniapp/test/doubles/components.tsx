/**
 * Test double for @tarojs/components: plain DOM elements with Taro's event shapes
 * (onInput → e.detail.value, Picker onChange → e.detail.value as the index).
 */
import type { ReactNode } from 'react';

type AnyProps = Record<string, unknown> & { children?: ReactNode; className?: string };

const TARO_ONLY = [
  'hoverClass',
  'placeholderClass',
  'maxlength',
  'autoHeight',
  'showMenuByLongpress',
  'mode',
  'password',
  'selectable',
];

function domProps(props: AnyProps): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    if (TARO_ONLY.includes(k) || k === 'children') continue;
    // weapp builds (TARO_ENV=weapp in a test) write WeChat's aria-role, which React warns about.
    out[k === 'aria-role' ? 'data-aria-role' : k] = v;
  }
  return out;
}

export function View(props: AnyProps) {
  return <div {...domProps(props)}>{props.children}</div>;
}

export function Text(props: AnyProps) {
  return <span {...domProps(props)}>{props.children}</span>;
}

/** Taro's H5 Image passes `imgProps` (alt, …) to its inner <img>: so does this one. */
export function Image({ imgProps, ...props }: AnyProps & { imgProps?: Record<string, unknown> }) {
  return <img alt="" {...domProps(props)} {...imgProps} />;
}

interface InputLikeProps extends AnyProps {
  value?: string;
  onInput?: (e: { detail: { value: string } }) => void;
  onConfirm?: (e: { detail: { value: string } }) => void;
}

export function Input({ onInput, onConfirm, value, ...rest }: InputLikeProps) {
  return (
    <input
      {...domProps(rest)}
      type={rest.password ? 'password' : 'text'}
      value={value ?? ''}
      maxLength={typeof rest.maxlength === 'number' ? rest.maxlength : undefined}
      onChange={(e) => onInput?.({ detail: { value: e.target.value } })}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onConfirm?.({ detail: { value: (e.target as HTMLInputElement).value } });
      }}
    />
  );
}

export function Textarea({ onInput, value, ...rest }: InputLikeProps) {
  return (
    <textarea
      {...domProps(rest)}
      value={value ?? ''}
      onChange={(e) => onInput?.({ detail: { value: e.target.value } })}
    />
  );
}

interface PickerProps extends AnyProps {
  range?: string[];
  value?: number;
  disabled?: boolean;
  onChange?: (e: { detail: { value: string } }) => void;
}

export function Picker({ range = [], value, disabled, onChange, children, mode }: PickerProps) {
  if (mode === 'date' || mode === 'time') {
    // Date and time pickers hand over the chosen text ("2026-03-01", "14:00").
    return (
      <div>
        {children}
        <input
          data-testid="picker"
          disabled={disabled}
          value={String(value ?? '')}
          onChange={(e) => onChange?.({ detail: { value: e.target.value } })}
        />
      </div>
    );
  }
  return (
    <div>
      {children}
      <select
        data-testid="picker"
        disabled={disabled}
        value={String(value ?? 0)}
        onChange={(e) => onChange?.({ detail: { value: e.target.value } })}
      >
        {range.map((label, i) => (
          <option key={label} value={String(i)}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface ButtonProps extends AnyProps {
  openType?: string;
  disabled?: boolean;
  onClick?: () => void;
  onGetPhoneNumber?: (e: { detail: { code?: string; errMsg: string } }) => void;
  onAgreePrivacyAuthorization?: (e: { detail: Record<string, never> }) => void;
}

/**
 * A native button. With openType="getPhoneNumber" a click stands for the user allowing WeChat's
 * phone dialog: onGetPhoneNumber gets the code in `data-phone-code` ("phone-code" unless set;
 * an empty value stands for the user declining). With openType="agreePrivacyAuthorization" a click
 * is the user agreeing to WeChat's privacy check (onAgreePrivacyAuthorization).
 */
export function Button({
  openType,
  onGetPhoneNumber,
  onAgreePrivacyAuthorization,
  onClick,
  disabled,
  children,
  ...rest
}: ButtonProps) {
  const code = (rest['data-phone-code'] as string | undefined) ?? 'phone-code';
  return (
    <button
      {...domProps(rest)}
      type="button"
      disabled={disabled}
      data-open-type={openType}
      onClick={() => {
        if (openType === 'getPhoneNumber') {
          onGetPhoneNumber?.({
            detail: code ? { code, errMsg: 'getPhoneNumber:ok' } : { errMsg: 'getPhoneNumber:fail user deny' },
          });
        }
        if (openType === 'agreePrivacyAuthorization') onAgreePrivacyAuthorization?.({ detail: {} });
        onClick?.();
      }}
    >
      {children}
    </button>
  );
}
