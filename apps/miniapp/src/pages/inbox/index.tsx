import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { NOTIFICATION_KIND_LABELS, type NotificationDto } from '@sbd/contracts';
import { Badge } from '@/ui/Badge';
import { Btn } from '@/ui/Button';
import { Gate } from '@/ui/Gate';
import { Page } from '@/ui/Page';
import { PagedList } from '@/ui/PagedList';
import { inbox, markAllRead, markRead } from '@/features/inbox/service';
import { attempt } from '@/platform/request';
import { useSession } from '@/platform/session';
import { usePaged } from '@/ui/hooks/usePaged';
import { a11y, cx, keyActivate } from '@/platform/a11y';
import { formatDateTime } from '@/platform/format';
import { openPage, safeRedirect } from '@/platform/nav';
import { stopPullDown, toast } from '@/platform/feedback';
import './index.css';

/** The page a notification points at, as an in-app absolute path (null when unknown). */
export function notificationTarget(n: Pick<NotificationDto, 'path'>): string | null {
  if (!n.path) return null;
  return safeRedirect(n.path.startsWith('/') ? n.path : `/${n.path}`);
}

/** 站内消息: newest first; unread ones say so in words; a tap marks read and opens the page. */
export default function InboxPage() {
  const session = useSession();
  const list = usePaged(
    (cursor) => inbox({ cursor }),
    (n) => n.id,
  );

  useDidShow(() => {
    if (session?.accessToken) void list.reload();
  });
  usePullDownRefresh(() => void list.reload().finally(stopPullDown));

  if (!session?.accessToken) return <Gate title="消息" loggedIn={false} need="" />;

  const open = (n: NotificationDto) => {
    if (!n.read) {
      list.update((x) => x.id === n.id, { ...n, read: true });
      void attempt(markRead([n.id]));
    }
    const target = notificationTarget(n);
    if (target) openPage(target);
  };

  const readAll = async () => {
    const r = await attempt(markAllRead());
    if (r.ok) {
      list.setItems(list.items.map((n) => ({ ...n, read: true })));
      toast('已全部标为已读');
    }
  };

  const unread = list.items.filter((n) => !n.read).length;

  return (
    <Page title="消息">
      {unread ? (
        <Btn variant="plain" onClick={() => void readAll()}>
          {`全部标为已读（${unread}条未读）`}
        </Btn>
      ) : null}
      <View className="spacer" />
      <PagedList
        list={list}
        empty="暂无消息"
        render={(n) => {
          const go = () => open(n);
          const target = notificationTarget(n);
          return (
            <View
              key={n.id}
              className={cx('item', 'msg', !n.read && 'msg-unread')}
              onClick={go}
              {...a11y(`${n.read ? '' : '未读，'}${n.title}`, { role: 'button' })}
              {...keyActivate(go)}
            >
              <View className="row-top">
                <Text className="item-title">{n.title}</Text>
                {n.read ? <Badge text="已读" tone="neutral" /> : <Badge text="未读" tone="info" />}
              </View>
              <Text className="block mt-16">{n.body}</Text>
              <Text className="item-line">
                {[
                  NOTIFICATION_KIND_LABELS[n.kind] !== n.title ? NOTIFICATION_KIND_LABELS[n.kind] : '',
                  formatDateTime(n.createdAt),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
              {target ? <Text className="item-go">查看 ›</Text> : null}
            </View>
          );
        }}
      />
    </Page>
  );
}
