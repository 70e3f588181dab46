import type { ReactNode } from 'react';
import { Text } from '@tarojs/components';
import { a11y, cx } from '@/platform/a11y';

/** A section's heading (level 2, under the page title). */
export function SectionTitle({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <Text className={cx('section-title', className)} {...a11y(undefined, { role: 'heading', level: 2 })}>
      {children}
    </Text>
  );
}
