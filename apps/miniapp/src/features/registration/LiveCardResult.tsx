import { Text, View } from '@tarojs/components';
import type { LiveCardCheckDto } from '@sbd/contracts';
import { REGISTRATION_STATUS_LABELS } from '@sbd/contracts';
import { formatDate } from '@/platform/format';
import { a11y } from '@/platform/a11y';

/** What staff see after scanning a member's live e-card. */
export function LiveCardResult({ card }: { card: LiveCardCheckDto }) {
  const rows: [string, string][] = [
    ['姓名', card.name],
    ['手机号', card.phone],
    ['报到社区', card.communityName],
    ['功能型党支部', card.branchName || '待分配'],
    ['工作单位', card.workUnitName],
    ['服务岗位', card.positions.join('、') || '无'],
    ['报到时间', card.approvedAt ? formatDate(card.approvedAt) : '—'],
    ['证号', card.cardNo],
  ];
  return (
    <View className="card" {...a11y(undefined, { live: 'polite' })}>
      <Text className={`block mb-24 t-l ${card.valid ? 't-success' : 't-danger'}`}>
        {card.valid ? '✓ 身份有效：已在本社区报到' : `✗ 证件无效（${REGISTRATION_STATUS_LABELS[card.status]}）`}
      </Text>
      {rows.map(([key, value]) => (
        <View className="row-between mb-16" key={key}>
          <Text className="t-muted">{key}</Text>
          <Text>{value}</Text>
        </View>
      ))}
    </View>
  );
}
