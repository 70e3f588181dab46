import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { PAGES, HONOURS_RULE, NO_SERVICE_FLAG_DAYS, type MemberRecordDto } from '@sbd/contracts';
import { Badge } from '@/ui/Badge';
import { Btn } from '@/ui/Button';
import { RadioChips } from '@/ui/Choice';
import { Gate } from '@/ui/Gate';
import { Page } from '@/ui/Page';
import { PagedList } from '@/ui/PagedList';
import { useSession } from '@/platform/session';
import { usePaged } from '@/ui/hooks/usePaged';
import { formatDate } from '@/platform/format';
import { openPage } from '@/platform/nav';
import { stopPullDown } from '@/platform/feedback';
import { exportMemberRecords, fetchMemberRecords } from '@/packageStats/services/stats';
import {
  filterParam,
  RECORD_FILTERS,
  recordBadges,
  recordFigures,
  recordYears,
  registrationBadge,
  type RecordsFilter,
} from '@/packageStats/utils/records';
import { unitScope } from '@/packageStats/utils/scope';
import '@/packageStats/components/stats.css';
import { useAction } from '@/ui/hooks/useAction';

const FILTER_NOTES: Partial<Record<RecordsFilter, string>> = {
  not_registered: '在单位名册上，但没有同名同手机号的已通过报到。',
  no_service_90_days: `已报到满${NO_SERVICE_FLAG_DAYS}天，近${NO_SERVICE_FLAG_DAYS}天没有核验的服务。`,
  low_satisfaction: '本年度社区评价中4星及以上不足70%。',
  negative_list: '本年度缺席（报名后未到场）2次及以上。',
  honours: HONOURS_RULE,
};

function RecordItem({ record, unitId, year }: { record: MemberRecordDto; unitId: number; year: number }) {
  const reg = registrationBadge(record);
  const badges = recordBadges(record);
  const detail = [record.phone, record.partyBranch, record.position].filter(Boolean).join(' · ');
  return (
    <View className="item">
      <View className="row-top">
        <Text className="item-title">{record.name}</Text>
        <Badge text={reg.text} tone={reg.tone} />
      </View>
      {detail ? <Text className="item-line">{detail}</Text> : null}
      {record.communityName ? (
        <Text className="item-line">{`报到社区：${record.communityName}${record.unitConfirmed ? '（单位已确认）' : ''}`}</Text>
      ) : null}
      <View className="st-figs">
        {recordFigures(record).map((f) => (
          <Text key={f} className="st-figs-item">
            {f}
          </Text>
        ))}
      </View>
      <Text className="item-line">{`最近一次服务：${record.lastServiceAt ? formatDate(record.lastServiceAt) : '无'}`}</Text>
      {badges.length ? (
        <View className="st-flags">
          {badges.map((b) => (
            <Badge key={b.text} text={b.text} tone={b.tone} label={b.text} />
          ))}
        </View>
      ) : null}
      {record.userId ? (
        <View className="mt-32">
          <Btn
            variant="plain"
            onClick={() => openPage(`${PAGES.annualReport}?unitId=${unitId}&userId=${record.userId}&year=${year}`)}
            label={`${record.name}的年度报告`}
          >
            年度报告
          </Btn>
        </View>
      ) : null}
    </View>
  );
}

/** 党员报回记录 of a unit: flag filter chips, the year, each member's figures and flags, export. */
export default function MemberRecordsPage() {
  const router = useRouter();
  const session = useSession();
  const unit = unitScope(session, Number(router.params?.unitId) || undefined);
  const unitId = unit?.nodeId ?? 0;
  const years = recordYears();
  const [filter, setFilter] = useState<RecordsFilter>('all');
  const [year, setYear] = useState(years[0].value);
  const exporting = useAction();

  const list = usePaged<MemberRecordDto>(
    (cursor) =>
      fetchMemberRecords(unitId, {
        flag: filterParam(filter) ?? undefined,
        year,
        cursor: cursor ?? undefined,
        limit: 20,
      }),
    (r) => r.key,
  );

  useEffect(() => {
    if (unitId) void list.reload();
  }, [unitId, filter, year]);
  usePullDownRefresh(() => void list.reload().finally(stopPullDown));

  if (!unit) return <Gate title="党员报回记录" loggedIn={!!session?.accessToken} need="此功能供单位管理员使用。" />;

  const doExport = async () => {
    // The download shows its own messages.
    await exporting.run(() => exportMemberRecords(unitId, { flag: filterParam(filter) ?? undefined, year }), {
      errorToast: false,
    });
  };

  const note = FILTER_NOTES[filter];
  return (
    <Page title={`${unit.name || '本单位'} · 党员报回记录`}>
      <RadioChips label="筛选" options={RECORD_FILTERS} value={filter} onChange={setFilter} />
      <View className="mt-32">
        <RadioChips label="年度" options={years} value={year} onChange={setYear} />
      </View>
      {note ? (
        <View className="notice mt-48">
          <Text>{note}</Text>
        </View>
      ) : (
        <View className="spacer" />
      )}
      <Btn variant="secondary" onClick={() => void doExport()} loading={!!exporting.busy} loadingText="正在导出…">
        导出Excel
      </Btn>
      <View className="spacer" />
      <PagedList
        list={list}
        empty="没有符合条件的党员"
        render={(r) => <RecordItem key={r.key} record={r} unitId={unitId} year={year} />}
      />
    </Page>
  );
}
