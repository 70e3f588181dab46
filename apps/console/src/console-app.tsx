import type { MeDto } from '@sbd/contracts';
import type { ReactNode } from 'react';
import { AttendancePage } from '@/features/attendance/attendance-page';
import { AuditPage } from '@/features/audit/audit-page';
import { LoginPage } from '@/features/auth/login-page';
import { EmergencyPage } from '@/features/emergency/emergency-page';
import { NeedsPage } from '@/features/needs/needs-page';
import { TasksPage } from '@/features/tasks/tasks-page';
import { StatsPage } from '@/features/stats/stats-page';
import { RegistrationsPage } from '@/features/registrations/registrations-page';
import { OrgPage } from '@/features/org/org-page';
import { RostersPage } from '@/features/rosters/rosters-page';
import { ScreenEntryPage } from '@/features/screen/screen-entry-page';
import { ScreenPage } from '@/features/screen/screen-page';
import { HomePage } from '@/features/shell/home-page';
import { menuFor } from '@/features/shell/menu';
import { Shell } from '@/features/shell/shell';
import { usePath } from '@/platform/router';
import { useSession } from '@/platform/use-session';

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
    return <ScreenPage nodeId={Number(screen[1])} back={back} />;
  }
  return <Shell user={session.user} pages={PAGES} />;
}
