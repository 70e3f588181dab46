import { Text, View } from '@tarojs/components';
import type { AnnualReportDto } from '@sbd/contracts';
import { Empty } from '@/ui/States';
import { formatDate } from '@/platform/format';
import { formatHoursValue } from '@/packageStats/utils/figures';
import { SectionTitle } from '@/ui/SectionTitle';

/** The annual report's verified services, one line each with the community's score. */
export function ReportServices({ services }: { services: AnnualReportDto['services'] }) {
  return (
    <>
      <SectionTitle>{`服务记录（${services.length}次）`}</SectionTitle>
      <View className="card">
        {services.length === 0 ? <Empty text="本年度还没有核验的服务" /> : null}
        {services.map((s) => (
          <View key={s.claimId} className="st-report-line">
            <Text className="t-bold block">{s.taskTitle}</Text>
            <Text className="item-line">{`${formatDate(s.startsAt)} · ${s.communityName} · ${formatHoursValue(s.hours)}小时`}</Text>
            <Text className="item-line">
              {s.score === null ? '未评分' : `社区评分：${s.score}星${s.comment ? `，“${s.comment}”` : ''}`}
            </Text>
          </View>
        ))}
      </View>
    </>
  );
}

/** Backfilled hours (counted apart from verified hours); nothing when there are none. */
export function ReportBackfills({ backfills }: { backfills: AnnualReportDto['backfills'] }) {
  if (!backfills.length) return null;
  return (
    <View>
      <SectionTitle>{`补录时长（${backfills.length}条，不计入核验时长）`}</SectionTitle>
      <View className="card">
        {backfills.map((b, i) => (
          <View key={`${b.createdAt}-${i}`} className="st-report-line">
            <Text className="block">{`${formatHoursValue(b.hours)}小时 · ${formatDate(b.createdAt)}`}</Text>
            <Text className="item-line">{b.reason}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
