import type { LoginResponse, MeDto, TokenPair } from '@sbd/contracts';

/**
 * The signed-in staff member. Kept in sessionStorage, not localStorage: consoles run on shared
 * office computers, so closing the browser tab ends the session on that machine.
 */
export interface ConsoleSession {
  accessToken: string;
  refreshToken: string;
  user: MeDto;
}

const KEY = 'sbd.console.session';
type Listener = (session: ConsoleSession | null) => void;
const listeners = new Set<Listener>();

export function getSession(): ConsoleSession | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as ConsoleSession) : null;
  } catch {
    return null;
  }
}

function write(session: ConsoleSession | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
  for (const l of listeners) l(session);
}

export function startSession(login: LoginResponse): void {
  write({ accessToken: login.accessToken, refreshToken: login.refreshToken, user: login.user });
}

export function saveTokens(tokens: TokenPair): void {
  const current = getSession();
  if (current) write({ ...current, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
}

export function endSession(): void {
  write(null);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
