import { liveCardKey, readLiveCardCode, signLiveCardCode } from './live-card-code';

describe('the e-card live code', () => {
  const key = liveCardKey('s'.repeat(64));
  const t0 = new Date('2026-12-03T08:00:05Z'); // 5 s into a 30 s window

  it('reads back the card number in its own window and the next, and not after', () => {
    const { code, expiresAt } = signLiveCardCode(key, 'SBD000042ABCDEF', t0);
    expect(expiresAt.toISOString()).toBe('2026-12-03T08:01:00.000Z');
    expect(readLiveCardCode(key, code, t0)).toEqual({ ok: true, cardNo: 'SBD000042ABCDEF' });
    expect(readLiveCardCode(key, code, new Date('2026-12-03T08:00:59.999Z')).ok).toBe(true);
    expect(readLiveCardCode(key, code, new Date('2026-12-03T08:01:00Z'))).toEqual({ ok: false, reason: 'expired' });
    expect(readLiveCardCode(key, code, new Date('2026-12-03T07:59:59Z'))).toEqual({ ok: false, reason: 'expired' });
  });

  it('changes every 30 s', () => {
    const a = signLiveCardCode(key, 'SBD1', t0).code;
    expect(signLiveCardCode(key, 'SBD1', new Date(t0.getTime() + 20_000)).code).toBe(a);
    expect(signLiveCardCode(key, 'SBD1', new Date(t0.getTime() + 30_000)).code).not.toBe(a);
  });

  it('refuses another server’s code, another card’s signature and malformed text', () => {
    const code = signLiveCardCode(key, 'SBD1', t0).code;
    expect(readLiveCardCode(liveCardKey('t'.repeat(64)), code, t0)).toEqual({ ok: false, reason: 'invalid' });
    const [, w, sig] = code.split('.');
    expect(readLiveCardCode(key, `SBD2.${w}.${sig}`, t0)).toEqual({ ok: false, reason: 'invalid' });
    for (const bad of ['', 'SBD1', 'SBD1..x', `${code}.`, `SBD1.${w}.${sig}x`, 'a.b.c'.repeat(100)]) {
      expect(readLiveCardCode(key, bad, t0)).toEqual({ ok: false, reason: 'invalid' });
    }
  });
});
