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
  /** The approved registration (报到), if any: where the member lives and serves. */
  home?: { registrationId: number; communityId: number; streetId: number | null } | null;
}

export interface AccessTokenPayload {
  sub: number;
  typ: 'access';
  /** The session: the refresh-token family it was issued with. Logout and family revocation end it at once. */
  sid: string;
  /** Expiry (seconds since the epoch), set when the token is signed. */
  exp?: number;
}
