import type { MeDto } from '@sbd/contracts';
import { Spin } from 'antd';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { LoginPage } from '@/features/auth/login-page';
import { HomePage } from '@/features/shell/home-page';
import { menuFor } from '@/features/shell/menu';
import { Shell } from '@/features/shell/shell';
import { usePath } from '@/platform/router';
import { useSession } from '@/platform/use-session';

/**
 * A page whose code loads when it is first opened: the first load carries the shell, the login and
 * 工作台 only, and ECharts (统计, 数据大屏), the date pickers or the tree come with the pages that use them.
 */
function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(async () => ({ default: await load() }));
}
const AttendancePage = lazyPage(() => import('@/features/attendance/attendance-page').then((m) => m.AttendancePage));
const AuditPage = lazyPage(() => import('@/features/audit/audit-page').then((m) => m.AuditPage));
const EmergencyPage = lazyPage(() => import('@/features/emergency/emergency-page').then((m) => m.EmergencyPage));
const NeedsPage = lazyPage(() => import('@/features/needs/needs-page').then((m) => m.NeedsPage));
const TasksPage = lazyPage(() => import('@/features/tasks/tasks-page').then((m) => m.TasksPage));
const StatsPage = lazyPage(() => import('@/features/stats/stats-page').then((m) => m.StatsPage));
const RegistrationsPage = lazyPage(() =>
  import('@/features/registrations/registrations-page').then((m) => m.RegistrationsPage),
);
const OrgPage = lazyPage(() => import('@/features/org/org-page').then((m) => m.OrgPage));
const RostersPage = lazyPage(() => import('@/features/rosters/rosters-page').then((m) => m.RostersPage));
const ScreenEntryPage = lazyPage(() => import('@/features/screen/screen-entry-page').then((m) => m.ScreenEntryPage));
const ScreenPage = lazyPage(() => import('@/features/screen/screen-page').then((m) => m.ScreenPage));

/** While a page's code loads. */
const PAGE_LOADING = <Spin size="large" className="page-loading" aria-label="页面加载中" />;

/** Page path → page, for the paths in features/shell/menu.ts. */
const PAGES: Record<string, (user: MeDto) => ReactNode> = {
  '/': (user) => <HomePage user={user} />,
  '/registrations': (user) => <RegistrationsPage user={user} />,
  '/needs': (user) => <NeedsPage user={user} />,
  '/tasks': (user) => <TasksPage user={user} />,
  '/emergency': (user) => <EmergencyPage user={user} />,
  '/attendance': (user) => <AttendancePage user={user} />,
  '/stats': (user) => <StatsPage user={user} />,
  '/audit': () => <AuditPage />,
  '/org': (user) => <OrgPage user={user} />,
  '/rosters': (user) => <RostersPage user={user} />,
  '/screen': (user) => <ScreenEntryPage user={user} />,
};

/** /screen/:nodeId: the full-screen 数据大屏, outside the shell. */
const SCREEN_PATH = /^\/screen\/(\d+)$/;

export function ConsoleApp() {
  const session = useSession();
  const path = usePath();
  if (!session) return <LoginPage />;
  const screen = SCREEN_PATH.exec(path);
  if (screen) {
    const back = menuFor(session.user).some((e) => e.path === '/screen') ? '/screen' : '/';
    return (
      <Suspense fallback={PAGE_LOADING}>
        <ScreenPage nodeId={Number(screen[1])} back={back} />
      </Suspense>
    );
  }
  return <Shell user={session.user} pages={PAGES} />;
}
