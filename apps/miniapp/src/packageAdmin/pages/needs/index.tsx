import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { PAGES, NeedStatus, type NeedDto } from '@sbd/contracts';
import { Btn } from '@/ui/Button';
import { Segmented } from '@/ui/Choice';
import { Page } from '@/ui/Page';
import { PagedList } from '@/ui/PagedList';
import { communityNeeds } from '@/features/needs/service';
import { attempt } from '@/platform/request';
import { communityAdminScope, useSession } from '@/platform/session';
import { usePaged } from '@/ui/hooks/usePaged';
import { openPage } from '@/platform/nav';
import { a11y } from '@/platform/a11y';
import { stopPullDown } from '@/platform/feedback';
import { NeedCard, SummaryCard } from '@/features/admin/TriageCards';
import { AdminGate } from '@/packageAdmin/components/AdminGate';

type Tab = NeedStatus.Held | NeedStatus.Submitted | NeedStatus.Accepted | NeedStatus.Fulfilled;
const TABS: { value: Tab; label: string }[] = [
  { value: NeedStatus.Held, label: '待审核' },
  { value: NeedStatus.Submitted, label: '待受理' },
  { value: NeedStatus.Accepted, label: '已受理' },
  { value: NeedStatus.Fulfilled, label: '已办结' },
];
/**
 * 需求分拣 (下单的第一步): held and submitted needs are accepted (受理), rejected with a reason or
 * merged; accepted ones are picked to publish a task from.
 */
export default function TriagePage() {
  const session = useSession();
  const scope = communityAdminScope(session);
  const [tab, setTab] = useState<Tab>(NeedStatus.Held);
  const [selected, setSelected] = useState<number[]>([]);
  const [mergeTargets, setMergeTargets] = useState<NeedDto[] | null>(null);
  /** Bumped on every decision, so the counts above the list follow. */
  const [version, setVersion] = useState(0);
  const communityId = scope?.communityId ?? 0;
  const list = usePaged(
    (cursor) => communityNeeds(communityId, { status: tab, cursor }),
    (n) => n.id,
  );

  const mounted = useRef(false);
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    if (communityId) void list.reload();
  }, [tab]);
  useDidShow(() => {
    if (!communityId) return;
    void list.reload();
    setVersion((v) => v + 1);
  });
  usePullDownRefresh(() => void list.reload().finally(stopPullDown));

  if (!scope) return <AdminGate title="需求分拣" loggedIn={!!session?.accessToken} />;

  const loadMergeTargets = () => {
    if (mergeTargets !== null) return;
    void Promise.all([
      attempt(communityNeeds(communityId, { status: NeedStatus.Submitted, limit: 50 })),
      attempt(communityNeeds(communityId, { status: NeedStatus.Accepted, limit: 50 })),
    ]).then(([a, b]) => setMergeTargets([...(b.ok ? b.data.items : []), ...(a.ok ? a.data.items : [])]));
  };

  const onChanged = (n: NeedDto) => {
    // The need leaves this tab when its status changed.
    if (n.status !== tab) list.setItems(list.items.filter((x) => x.id !== n.id));
    else list.update((x) => x.id === n.id, n);
    setMergeTargets(null);
    setVersion((v) => v + 1);
  };

  const publish = () => openPage(`${PAGES.publish}?needIds=${selected.join(',')}`);

  return (
    <Page title="需求分拣">
      <Text className="t-s t-muted block mb-24">{`${scope.communityName} · 居民点单，社区受理后发布任务`}</Text>
      <SummaryCard communityId={communityId} version={version} />
      <View className="btn-row mb-48">
        <Btn variant="secondary" onClick={() => openPage(PAGES.postNeed)}>
          代居民点单
        </Btn>
        <Btn variant="secondary" onClick={() => openPage(PAGES.publish)}>
          直接发布任务
        </Btn>
      </View>
      <Segmented label="需求状态" options={TABS} value={tab} onChange={setTab} />
      {tab === NeedStatus.Held ? (
        <Text className="t-s t-muted block mb-24">
          待审核：内容未能自动审核通过，请查看后受理（审核通过并受理）或驳回。
        </Text>
      ) : null}
      {tab === NeedStatus.Accepted ? (
        <Text className="t-s t-muted block mb-24">
          勾选一条或多条需求，用它们发布任务；任务完成时这些需求自动办结。
        </Text>
      ) : null}
      <PagedList
        list={list}
        empty={`没有${TABS.find((t) => t.value === tab)?.label ?? ''}的需求`}
        render={(n) => (
          <NeedCard
            key={n.id}
            need={n}
            selected={selected.includes(n.id)}
            onSelect={(on) => setSelected((s) => (on ? [...s, n.id] : s.filter((x) => x !== n.id)))}
            onChanged={onChanged}
            mergeTargets={mergeTargets}
            loadMergeTargets={loadMergeTargets}
            onStale={() => void list.reload()}
          />
        )}
      />
      {selected.length ? (
        <View className="actionbar" {...a11y(undefined, { live: 'polite' })}>
          <Btn onClick={publish}>{`用选中的 ${selected.length} 条需求发布任务`}</Btn>
        </View>
      ) : null}
    </Page>
  );
}
