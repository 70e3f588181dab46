import type { MeDto } from '@sbd/contracts';
import type { ReactNode } from 'react';
import { AuditPage } from '@/features/audit/audit-page';
import { LoginPage } from '@/features/auth/login-page';
import { NeedsPage } from '@/features/needs/needs-page';
import { StatsPage } from '@/features/stats/stats-page';
import { RegistrationsPage } from '@/features/registrations/registrations-page';
import { HomePage } from '@/features/shell/home-page';
import { Shell } from '@/features/shell/shell';
import { useSession } from '@/platform/use-session';

/** Page path → page, for the paths in features/shell/menu.ts. */
const PAGES: Record<string, (user: MeDto) => ReactNode> = {
  '/': (user) => <HomePage user={user} />,
  '/registrations': (user) => <RegistrationsPage user={user} />,
  '/needs': (user) => <NeedsPage user={user} />,
  '/stats': (user) => <StatsPage user={user} />,
  '/audit': () => <AuditPage />,
};

export function ConsoleApp() {
  const session = useSession();
  return session ? <Shell user={session.user} pages={PAGES} /> : <LoginPage />;
}
