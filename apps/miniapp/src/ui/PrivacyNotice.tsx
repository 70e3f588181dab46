import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { PrivacyNoticeDto } from '@sbd/contracts';
import { LinkAction } from './Button';
import { ErrorState } from './States';
import './PrivacyNotice.css';

interface PrivacyNoticeProps {
  notice: PrivacyNoticeDto | null;
  error: string;
  onRetry: () => void;
}

/** "查看《隐私政策》" link that unfolds the notice text in place. */
export function PrivacyNotice({ notice, error, onRetry }: PrivacyNoticeProps) {
  const [open, setOpen] = useState(false);
  if (error) return <ErrorState message={error} onRetry={onRetry} />;
  if (!notice) return <Text className="t-s t-muted">隐私政策加载中…</Text>;
  return (
    <View className="privacy">
      <LinkAction onClick={() => setOpen(!open)} label={open ? '收起隐私政策' : `查看${notice.title}`}>
        {open ? '收起隐私政策' : `查看《${notice.title}》`}
      </LinkAction>
      {open ? (
        <View className="privacy-body">
          <Text className="t-s block">{notice.body}</Text>
          <Text className="t-xs t-muted block mt-16">{`版本：${notice.version}`}</Text>
        </View>
      ) : null}
    </View>
  );
}
