import type { Role } from '@sbd/contracts';

export interface ScopedRole {
  role: Role;
  /** null: platform-wide. */
  scopeNodeId: number | null;
  /** Materialised path of the scope node, e.g. "/1/3/"; "/" when platform-wide. */
  scopePath: string;
  scopeName: string | null;
}

/** The authenticated caller, with roles loaded fresh from the database on every request. */
export interface Principal {
  userId: number;
  roles: ScopedRole[];
}

export interface AccessTokenPayload {
  sub: number;
  typ: 'access';
}
