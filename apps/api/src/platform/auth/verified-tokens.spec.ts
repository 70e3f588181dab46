import { VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens: access tokens verified once per process until they expire', () => {
  const now = Date.UTC(2026, 11, 4, 8);
  const exp = now / 1000 + 60;

  it('answers a remembered token until its expiry, and forgets it then', () => {
    const tokens = new VerifiedTokens<{ sub: number; exp?: number }>();
    tokens.remember('a.b.c', { sub: 1, exp });
    expect(tokens.get('a.b.c', now)).toEqual({ sub: 1, exp });
    expect(tokens.get('a.b.c', exp * 1000 - 1)).toEqual({ sub: 1, exp });
    expect(tokens.get('a.b.c', exp * 1000)).toBeUndefined();
    expect(tokens.get('a.b.c', now)).toBeUndefined();
  });

  it('knows only byte-identical tokens, and none without an expiry', () => {
    const tokens = new VerifiedTokens<{ sub: number; exp?: number }>();
    tokens.remember('a.b.c', { sub: 1, exp });
    tokens.remember('a.b.d', { sub: 2 });
    expect(tokens.get('a.b.C', now)).toBeUndefined();
    expect(tokens.get('a.b.d', now)).toBeUndefined();
  });

  it('keeps at most `max` tokens, dropping the oldest', () => {
    const tokens = new VerifiedTokens<{ sub: number; exp?: number }>(2);
    tokens.remember('t1', { sub: 1, exp });
    tokens.remember('t2', { sub: 2, exp });
    tokens.remember('t3', { sub: 3, exp });
    expect(tokens.get('t1', now)).toBeUndefined();
    expect(tokens.get('t2', now)?.sub).toBe(2);
    expect(tokens.get('t3', now)?.sub).toBe(3);
  });
});
