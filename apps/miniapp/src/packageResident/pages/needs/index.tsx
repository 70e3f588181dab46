import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { PAGES, NEED_CATEGORY_LABELS, NEED_STATUS_LABELS, type NeedDto } from '@sbd/contracts';
import { Badge } from '@/ui/Badge';
import { Btn } from '@/ui/Button';
import { Gate } from '@/ui/Gate';
import { Page } from '@/ui/Page';
import { PagedList } from '@/ui/PagedList';
import { myNeeds } from '@/features/needs/service';
import { useSession } from '@/platform/session';
import { usePaged } from '@/ui/hooks/usePaged';
import { a11y, keyActivate } from '@/platform/a11y';
import { formatDateTime } from '@/platform/format';
import { NEED_TONE, needTimeline } from '@/features/loop/loop';
import { openPage } from '@/platform/nav';
import { stopPullDown } from '@/platform/feedback';

/** One line on where the need stands now (the current step's note). */
export function needProgress(need: NeedDto): string {
  const step = needTimeline(need).find((s) => s.state === 'current' || s.state === 'stopped');
  return step?.note ?? (need.rating ? `已评价：${need.rating.score}分` : NEED_STATUS_LABELS[need.status]);
}

function NeedItem({ need }: { need: NeedDto }) {
  const open = () => openPage(`${PAGES.need}?id=${need.id}`);
  return (
    <View
      className="item"
      hoverClass="btn-pressed"
      onClick={open}
      {...a11y(`${need.title}，${NEED_STATUS_LABELS[need.status]}，点按查看进度`, { role: 'button' })}
      {...keyActivate(open)}
    >
      <View className="row-top">
        <Text className="item-title">{need.title}</Text>
        <Badge text={NEED_STATUS_LABELS[need.status]} tone={NEED_TONE[need.status]} />
      </View>
      <Text className="item-line">{`${NEED_CATEGORY_LABELS[need.category]} · 提交于 ${formatDateTime(need.createdAt)}`}</Text>
      <Text className="item-line t-text">{needProgress(need)}</Text>
      <Text className="item-go">查看进度 ›</Text>
    </View>
  );
}

export default function MyNeedsPage() {
  const session = useSession();
  const list = usePaged(
    (cursor) => myNeeds(cursor),
    (n) => n.id,
  );
  useDidShow(() => {
    if (session?.accessToken) void list.reload();
  });
  usePullDownRefresh(() => void list.reload().finally(stopPullDown));

  if (!session?.accessToken) return <Gate title="我的需求" loggedIn={false} need="" />;

  return (
    <Page title="我的需求">
      <Btn onClick={() => openPage(PAGES.postNeed)}>＋ 我要点单</Btn>
      <View className="spacer" />
      <PagedList list={list} empty="您还没有提交过需求" render={(n) => <NeedItem key={n.id} need={n} />} />
    </Page>
  );
}
