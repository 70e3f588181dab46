import type { CSSProperties, ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import { textScale, useElderly } from '@/platform/elderly';
import { a11y, cx } from '@/platform/a11y';
import { Overlays } from './Overlays';
import { PrivacyAuthDialog } from './PrivacyAuthDialog';

interface PageProps {
  /** Visible page heading (also announced as a heading). */
  title?: string;
  className?: string;
  children?: ReactNode;
}

/**
 * Root of every page and its `main` landmark (the title is its level-1 heading): applies 长辈版 and
 * WeChat's font size to everything inside. On weapp it also holds the privacy dialog (WeChat's
 * privacy check may stop an API call on any page); on H5 the app's own confirm dialog and toast
 * (platform/feedback), sized like the rest of the page.
 */
export function Page({ title, className, children }: PageProps) {
  const elderly = useElderly();
  const style = { '--scale': String(textScale(elderly)) } as CSSProperties;
  return (
    <View
      className={cx('sbd-page', elderly.enabled && 'sbd-elderly', className)}
      style={style}
      {...a11y(undefined, { role: 'main' })}
    >
      {title ? (
        <Text className="page-title" {...a11y(undefined, { role: 'heading', level: 1 })}>
          {title}
        </Text>
      ) : null}
      {children}
      {process.env.TARO_ENV === 'weapp' ? <PrivacyAuthDialog /> : null}
      {process.env.TARO_ENV === 'h5' ? <Overlays /> : null}
    </View>
  );
}
