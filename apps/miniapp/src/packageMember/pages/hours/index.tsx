import { Text, View } from '@tarojs/components';
import { PAGES, ClaimStatus, type ClaimDto } from '@sbd/contracts';
import { Btn } from '@/ui/Button';
import { Gate } from '@/ui/Gate';
import { Page } from '@/ui/Page';
import { Empty, ErrorState, Loading } from '@/ui/States';
import { myClaims } from '@/features/claims/service';
import { myHours } from '@/features/points/service';
import { useSession } from '@/platform/session';
import { useLoaded } from '@/ui/hooks/useLoaded';
import { formatDate } from '@/platform/format';
import { openPage } from '@/platform/nav';
import { formatHours } from '@/platform/time';
import { SectionTitle } from '@/ui/SectionTitle';

/** 服务时长: verified credit hours and back-filled hours (补录) kept apart, and each verified service. */
export default function HoursPage() {
  const session = useSession();
  // The list of services is a bonus: the totals show without it.
  const loaded = useLoaded(
    async () => {
      const [hours, services] = await Promise.all([
        myHours(),
        myClaims({ status: ClaimStatus.Verified, limit: 50 }).then(
          (page) => page.items,
          () => [] as ClaimDto[],
        ),
      ]);
      return { hours, services };
    },
    { active: !!session?.accessToken },
  );
  const { state, error, reload: load } = loaded;
  const hours = loaded.data?.hours ?? null;
  const services = loaded.data?.services ?? [];

  if (!session?.accessToken) return <Gate title="服务时长" loggedIn={false} need="" />;

  return (
    <Page title="服务时长">
      {state === 'loading' ? <Loading /> : null}
      {state === 'error' ? <ErrorState message={error} onRetry={() => void load()} /> : null}
      {hours ? (
        <View>
          <View className="stat-grid">
            <View className="stat">
              <Text className="stat-value">{formatHours(hours.verifiedHours)}</Text>
              <Text className="stat-label">核验时长</Text>
              <Text className="stat-hint">{`签到签退、经社区核验，共${hours.services}次服务`}</Text>
            </View>
            <View className="stat">
              <Text className="stat-value">{formatHours(hours.backfilledHours)}</Text>
              <Text className="stat-label">补录时长</Text>
              <Text className="stat-hint">社区工作人员补录，单独统计</Text>
            </View>
          </View>
          <SectionTitle>已核验的服务</SectionTitle>
          {services.length === 0 ? <Empty text="还没有核验通过的服务" /> : null}
          {services.map((c) => (
            <View key={c.id} className="item">
              <View className="row-top">
                <Text className="item-title">{c.taskTitle}</Text>
                <Text className="t-l t-bold t-primary">{formatHours(c.creditedHours)}</Text>
              </View>
              <Text className="item-line">{`服务日期：${formatDate(c.taskStartAt)}`}</Text>
              <Text className="item-line">{`积分：${c.pointsAwarded ?? 0}${c.serviceRating ? ` · 社区评价${c.serviceRating.score}分` : ''}`}</Text>
            </View>
          ))}
          <Btn variant="secondary" onClick={() => openPage(PAGES.points)}>
            查看我的积分
          </Btn>
        </View>
      ) : null}
    </Page>
  );
}
