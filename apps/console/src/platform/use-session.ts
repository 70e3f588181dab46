import { useEffect, useState } from 'react';
import { getSession, onSessionChange, type ConsoleSession } from './session';

export function useSession(): ConsoleSession | null {
  const [session, setSession] = useState(getSession);
  useEffect(() => onSessionChange(setSession), []);
  return session;
}
