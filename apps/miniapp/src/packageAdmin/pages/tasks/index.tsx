import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { PAGES, TaskStatus, type TaskDto } from '@sbd/contracts';
import { Btn } from '@/ui/Button';
import { Segmented } from '@/ui/Choice';
import { Page } from '@/ui/Page';
import { PagedList } from '@/ui/PagedList';
import { communityAdminScope, useSession } from '@/platform/session';
import { communityTasks } from '@/features/tasks/service';
import { usePaged } from '@/ui/hooks/usePaged';
import { a11y, keyActivate } from '@/platform/a11y';
import { openPage } from '@/platform/nav';
import { stopPullDown } from '@/platform/feedback';
import { TaskSummary } from '@/features/tasks/TaskSummary';
import { AdminGate } from '@/packageAdmin/components/AdminGate';

const ALL = '';
type Tab = TaskStatus | typeof ALL;
const TABS: { value: Tab; label: string }[] = [
  { value: ALL, label: '全部' },
  { value: TaskStatus.Published, label: '已发布' },
  { value: TaskStatus.InProgress, label: '进行中' },
  { value: TaskStatus.Completed, label: '已完成' },
];

/** 任务管理: the community's tasks; open one for its check-in code, claims and hours verification. */
export default function AdminTasksPage() {
  const session = useSession();
  const scope = communityAdminScope(session);
  const [tab, setTab] = useState<Tab>(ALL);
  const communityId = scope?.communityId ?? 0;
  const list = usePaged(
    (cursor) => communityTasks(communityId, { status: tab || undefined, cursor }),
    (t) => t.id,
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
    if (communityId) void list.reload();
  });
  usePullDownRefresh(() => void list.reload().finally(stopPullDown));

  if (!scope) return <AdminGate title="任务管理" loggedIn={!!session?.accessToken} />;

  return (
    <Page title="任务管理">
      <Btn onClick={() => openPage(PAGES.publish)}>＋ 发布新任务</Btn>
      <View className="spacer" />
      <Segmented label="任务状态" options={TABS} value={tab} onChange={setTab} />
      <PagedList
        list={list}
        empty="暂无任务"
        render={(t: TaskDto) => {
          const open = () => openPage(`${PAGES.adminTask}?id=${t.id}`);
          return (
            <View
              key={t.id}
              className="item"
              hoverClass="btn-pressed"
              onClick={open}
              {...a11y(`${t.title}，点按管理`, { role: 'button' })}
              {...keyActivate(open)}
            >
              <TaskSummary task={t} />
              <Text className="item-go">签到码 · 核验时长 ›</Text>
            </View>
          );
        }}
      />
    </Page>
  );
}
