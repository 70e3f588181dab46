import { isH5 } from './env';

export type A11yRole =
  | 'button'
  | 'switch'
  | 'checkbox'
  | 'radio'
  | 'radiogroup'
  | 'img'
  | 'heading'
  | 'link'
  | 'alert'
  | 'status'
  | 'dialog'
  | 'alertdialog'
  | 'main'
  | 'tablist'
  | 'tab'
  | 'group';

export interface A11yOptions {
  role?: A11yRole;
  checked?: boolean;
  disabled?: boolean;
  selected?: boolean;
  hidden?: boolean;
  live?: 'polite' | 'assertive';
  /** Heading level (role 'heading'): 1 for the page title, 2 for sections. */
  level?: number;
  /** A dialog that keeps the rest of the page out of reach. */
  modal?: boolean;
}

const INTERACTIVE: A11yRole[] = ['button', 'switch', 'checkbox', 'radio', 'link', 'tab'];

/**
 * Accessibility attributes for a Taro element. On H5 they go to the DOM (`role`, `aria-*`,
 * `tabIndex` for keyboard focus); on weapp WeChat reads `aria-role`/`aria-*` (made available to
 * its templates by config/plugin-weapp-a11y.js).
 */
export function a11y(label?: string, opts: A11yOptions = {}): Record<string, string | number> {
  const props: Record<string, string | number> = {};
  const h5 = isH5();
  if (label) props['aria-label'] = label;
  if (opts.role) props[h5 ? 'role' : 'aria-role'] = opts.role;
  if (opts.checked !== undefined) props['aria-checked'] = String(opts.checked);
  if (opts.selected !== undefined) props['aria-selected'] = String(opts.selected);
  if (opts.disabled) props['aria-disabled'] = 'true';
  if (opts.hidden) props['aria-hidden'] = 'true';
  if (opts.live) props['aria-live'] = opts.live;
  if (opts.level !== undefined) props['aria-level'] = opts.level;
  if (opts.modal) props['aria-modal'] = 'true';
  if (h5 && opts.role && INTERACTIVE.includes(opts.role)) props.tabIndex = opts.disabled ? -1 : 0;
  return props;
}

/** Enter/Space activate a focused H5 element with a button-like role. */
export function keyActivate(handler: () => void): {
  onKeyDown?: (e: { key?: string; preventDefault?: () => void }) => void;
} {
  if (!isH5()) return {};
  return {
    onKeyDown: (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault?.();
        handler();
      }
    },
  };
}

export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}
