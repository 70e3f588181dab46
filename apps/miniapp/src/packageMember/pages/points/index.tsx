import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { POINTS_REASON_LABELS, type PointsBalanceDto, type PointsLedgerEntryDto } from '@sbd/contracts';
import { Gate } from '@/ui/Gate';
import { Page } from '@/ui/Page';
import { PagedList } from '@/ui/PagedList';
import { myLedger, myPoints } from '@/features/points/service';
import { attempt } from '@/platform/request';
import { useSession } from '@/platform/session';
import { usePaged } from '@/ui/hooks/usePaged';
import { a11y } from '@/platform/a11y';
import { formatDateTime } from '@/platform/format';
import { stopPullDown } from '@/platform/feedback';
import { SectionTitle } from '@/ui/SectionTitle';

export function signed(delta: number): string {
  return delta > 0 ? `+${delta}` : String(delta);
}

function Entry({ e }: { e: PointsLedgerEntryDto }) {
  const label = POINTS_REASON_LABELS[e.reason] ?? e.reason;
  return (
    <View className="item ledger-item" {...a11y(`${label}，${e.delta > 0 ? '增加' : '扣除'}${Math.abs(e.delta)}分`)}>
      <View className="row-between">
        <Text className="t-m t-bold">{label}</Text>
        <Text className={e.delta > 0 ? 't-l t-bold t-primary' : 't-l t-bold t-danger'}>{`${signed(e.delta)} 分`}</Text>
      </View>
      {e.note ? <Text className="item-line">{e.note}</Text> : null}
      <Text className="item-line">{formatDateTime(e.createdAt)}</Text>
    </View>
  );
}

/** 我的积分: the balance (a sum of the ledger) and every entry, newest first. */
export default function PointsPage() {
  const session = useSession();
  const [balance, setBalance] = useState<PointsBalanceDto | null>(null);
  const ledger = usePaged(
    (cursor) => myLedger(cursor),
    (e) => e.id,
  );

  const load = async () => {
    const [b] = await Promise.all([attempt(myPoints()), ledger.reload()]);
    if (b.ok) setBalance(b.data);
  };
  useDidShow(() => {
    if (session?.accessToken) void load();
  });
  usePullDownRefresh(() => void load().finally(stopPullDown));

  if (!session?.accessToken) return <Gate title="我的积分" loggedIn={false} need="" />;

  return (
    <Page title="我的积分">
      <View className="stat-grid">
        <View className="stat basis-full">
          <Text className="stat-value points-balance">{balance ? `${balance.balance} 分` : '—'}</Text>
          <Text className="stat-label">当前积分</Text>
          <Text className="stat-hint">
            {balance ? `累计获得 ${balance.earned} 分，扣除 ${balance.deducted} 分` : '加载中…'}
          </Text>
        </View>
      </View>
      <SectionTitle>积分明细</SectionTitle>
      <PagedList
        list={ledger}
        empty="还没有积分记录，参加服务并通过核验即可获得积分"
        render={(e) => <Entry key={e.id} e={e} />}
      />
    </Page>
  );
}
