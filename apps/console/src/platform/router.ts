import { useEffect, useState } from 'react';

/** The console lives under /console; page paths below are relative to it ('/registrations'). */
export const BASE = '/console';

function current(): string {
  const path = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) : '/';
  return path === '' ? '/' : path;
}

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

export function navigate(path: string): void {
  window.history.pushState(null, '', `${BASE}${path}`);
  listeners.forEach((l) => l());
}

/** The current page path, re-rendering on navigation (history API, no router dependency). */
export function usePath(): string {
  const [path, setPath] = useState(current);
  useEffect(() => {
    const l = () => setPath(current());
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  return path;
}
