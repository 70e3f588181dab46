import { Text } from '@tarojs/components';
import { REGISTRATION_STATUS_LABELS, RegistrationStatus } from '@sbd/contracts';
import { a11y } from '@/platform/a11y';

const CLASS: Record<RegistrationStatus, string> = {
  [RegistrationStatus.Pending]: 'badge-pending',
  [RegistrationStatus.Approved]: 'badge-approved',
  [RegistrationStatus.Rejected]: 'badge-rejected',
};

const ICON: Record<RegistrationStatus, string> = {
  [RegistrationStatus.Pending]: '⏳',
  [RegistrationStatus.Approved]: '✓',
  [RegistrationStatus.Rejected]: '✕',
};

/** Status as words (and an icon), colour only reinforces it. */
export function StatusBadge({ status }: { status: RegistrationStatus }) {
  const label = REGISTRATION_STATUS_LABELS[status] ?? status;
  return (
    <Text className={`badge ${CLASS[status] ?? 'badge-neutral'}`} {...a11y(`状态：${label}`)}>
      {`${ICON[status] ?? ''} ${label}`}
    </Text>
  );
}
