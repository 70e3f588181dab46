import { Text } from '@tarojs/components';
import { a11y } from '@/platform/a11y';

/** Colour family of a status badge (the feature maps its statuses onto these). */
export type Tone = 'pending' | 'approved' | 'rejected' | 'neutral' | 'info';

const ICON: Record<Tone, string> = {
  pending: '⏳',
  approved: '✓',
  rejected: '✕',
  neutral: '•',
  info: '●',
};

/** A status as words with an icon; the colour only reinforces it (长辈版: status always as text). */
export function Badge({ text, tone, label, icon }: { text: string; tone: Tone; label?: string; icon?: string }) {
  return (
    <Text className={`badge badge-${tone}`} {...a11y(label ?? `状态：${text}`)}>
      {`${icon ?? ICON[tone]} ${text}`}
    </Text>
  );
}
