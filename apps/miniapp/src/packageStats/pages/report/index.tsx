import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { AnnualReportDto } from '@sbd/contracts';
import { Badge } from '@/ui/Badge';
import { Btn } from '@/ui/Button';
import { Gate } from '@/ui/Gate';
import { Page } from '@/ui/Page';
import { ErrorState, Loading } from '@/ui/States';
import { isH5 } from '@/platform/env';
import { attempt } from '@/platform/request';
import { useSession } from '@/platform/session';
import { formatDateTime } from '@/platform/format';
import { Figure } from '@/packageStats/components/Figure';
import { ReportBackfills, ReportServices } from '@/packageStats/components/ReportSections';
import { fetchAnnualReport, openPrintableReport } from '@/packageStats/services/stats';
import { formatCount, formatHoursValue, formatRate } from '@/packageStats/utils/figures';
import { recordBadges, registrationBadge } from '@/packageStats/utils/records';
import { unitScope } from '@/packageStats/utils/scope';
import '@/packageStats/components/stats.css';

/** 民主评议 annual report of one member of the unit (?unitId=&userId=&year=), with its printable version. */
export default function AnnualReportPage() {
  const router = useRouter();
  const session = useSession();
  const unit = unitScope(session, Number(router.params?.unitId) || undefined);
  const userId = Number(router.params?.userId) || 0;
  const year = Number(router.params?.year) || undefined;
  const [report, setReport] = useState<AnnualReportDto | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState('');
  const [printing, setPrinting] = useState(false);

  const load = async () => {
    if (!unit || !userId) return;
    setState('loading');
    const r = await attempt(fetchAnnualReport(unit.nodeId, userId, year));
    if (!r.ok) {
      setError(r.error.message);
      setState('error');
      return;
    }
    setReport(r.data);
    setState('ready');
  };

  useEffect(() => {
    void load();
  }, [unit?.nodeId, userId, year]);

  if (!unit || !userId)
    return <Gate title="年度报告" loggedIn={!!session?.accessToken} need="此功能供单位管理员使用。" />;
  if (state !== 'ready' || !report) {
    return (
      <Page title="年度报告">
        {state === 'loading' ? <Loading /> : <ErrorState message={error} onRetry={() => void load()} />}
      </Page>
    );
  }

  const r = report.record;
  const reg = registrationBadge(r);
  const badges = recordBadges(r);
  const print = async () => {
    setPrinting(true);
    await openPrintableReport(unit.nodeId, userId, report.year, r.name);
    setPrinting(false);
  };

  return (
    <Page title={`${r.name} · ${report.year}年度报告`}>
      <View className="card">
        <View className="row-between">
          <Text className="t-l t-bold">{r.name}</Text>
          <Badge text={reg.text} tone={reg.tone} />
        </View>
        <Text className="item-line">{`单位：${report.unitName}${r.partyBranch ? ` · ${r.partyBranch}` : ''}${r.position ? ` · ${r.position}` : ''}`}</Text>
        {r.communityName ? <Text className="item-line">{`报到社区：${r.communityName}`}</Text> : null}
        {badges.length ? (
          <View className="st-flags">
            {badges.map((b) => (
              <Badge key={b.text} text={b.text} tone={b.tone} label={b.text} />
            ))}
          </View>
        ) : (
          <Text className="item-line">无预警标记</Text>
        )}
      </View>

      <View className="st-grid">
        <Figure label="核验服务" value={formatCount(r.services)} unit="次" />
        <Figure
          label="核验时长"
          value={formatHoursValue(r.verifiedHours)}
          unit="小时"
          hints={[`补录${formatHoursValue(r.backfilledHours)}小时，另计`]}
        />
        <Figure
          label="满意率"
          value={formatRate(r.satisfaction)}
          note={r.satisfaction === null ? '本年度还没有评价' : null}
          hints={r.ratings ? [`${r.satisfiedRatings}/${r.ratings}次评价为4星及以上`] : []}
        />
        <Figure label="本年积分" value={formatCount(report.pointsThisYear)} unit="分" hints={[`缺席${r.noShows}次`]} />
      </View>

      <ReportServices services={report.services} />
      <ReportBackfills backfills={report.backfills} />

      <View className="notice">
        <Text className="t-s">{`评先评优标准：${report.honoursRule}`}</Text>
      </View>

      <Btn onClick={() => void print()} loading={printing} loadingText="正在打开…">
        {isH5() ? '打开打印版' : '打开Excel版（可转发、打印）'}
      </Btn>
      <Text className="st-caption">{`生成时间：${formatDateTime(report.generatedAt)}`}</Text>
    </Page>
  );
}
