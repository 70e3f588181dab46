import type { ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import { a11y, cx, keyActivate } from '@/platform/a11y';

export type ButtonVariant = 'primary' | 'secondary' | 'plain' | 'danger';

interface BtnProps {
  children: ReactNode;
  onClick?: () => void;
  variant?: ButtonVariant;
  block?: boolean;
  inline?: boolean;
  disabled?: boolean;
  loading?: boolean;
  loadingText?: string;
  /** Accessible name when the visible text is not enough. */
  label?: string;
  className?: string;
}

/** A button with a tap target of at least 44 pt (60 pt in 长辈版), keyboard-operable on H5. */
export function Btn({
  children,
  onClick,
  variant = 'primary',
  block = true,
  inline = false,
  disabled = false,
  loading = false,
  loadingText = '请稍候…',
  label,
  className,
}: BtnProps) {
  const inactive = disabled || loading;
  const handle = () => {
    if (!inactive) onClick?.();
  };
  return (
    <View
      className={cx(
        'btn',
        inactive ? 'btn-disabled' : `btn-${variant}`,
        block && !inline && 'btn-block',
        inline && 'btn-inline',
        className,
      )}
      hoverClass={inactive ? 'none' : 'btn-pressed'}
      onClick={handle}
      {...a11y(label, { role: 'button', disabled: inactive })}
      {...keyActivate(handle)}
    >
      <Text>{loading ? loadingText : children}</Text>
    </View>
  );
}

/** A text link-style action (still ≥ 44 pt tall). */
export function LinkAction({ children, onClick, label }: { children: ReactNode; onClick: () => void; label?: string }) {
  return (
    <View className="link" onClick={onClick} {...a11y(label, { role: 'link' })} {...keyActivate(onClick)}>
      <Text>{children}</Text>
    </View>
  );
}
