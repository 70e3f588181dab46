import { createHmac, timingSafeEqual } from 'node:crypto';
import { LIVE_CARD_CODE_SECONDS } from '@sbd/contracts';

/**
 * The e-card's live code: `<cardNo>.<window in base 36>.<signature>`, where the window is the
 * current LIVE_CARD_CODE_SECONDS slice of time. A code is accepted in its own window and the next
 * one (so it lives 30–60 s) and refused after: a screenshot of the card soon stops working. It is
 * stateless (an HMAC keyed from the server secret), so any API process can check any code.
 */
const WINDOW_MS = LIVE_CARD_CODE_SECONDS * 1000;

export type LiveCardCodeReading = { ok: true; cardNo: string } | { ok: false; reason: 'invalid' | 'expired' };

export function liveCardKey(serverSecret: string): Buffer {
  return createHmac('sha256', serverSecret).update('sbd.e-card.live-code.v1').digest();
}

function signature(key: Buffer, cardNo: string, window: number): string {
  return createHmac('sha256', key).update(`${cardNo}|${window}`).digest('base64url').slice(0, 22);
}

export function signLiveCardCode(key: Buffer, cardNo: string, now: Date): { code: string; expiresAt: Date } {
  const window = Math.floor(now.getTime() / WINDOW_MS);
  return {
    code: `${cardNo}.${window.toString(36)}.${signature(key, cardNo, window)}`,
    expiresAt: new Date((window + 2) * WINDOW_MS),
  };
}

export function readLiveCardCode(key: Buffer, code: string, now: Date): LiveCardCodeReading {
  const m = /^([A-Za-z0-9]{1,40})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/.exec(code);
  if (!m) return { ok: false, reason: 'invalid' };
  const [, cardNo, windowText, sig] = m;
  const window = parseInt(windowText, 36);
  const expected = Buffer.from(signature(key, cardNo, window));
  if (!timingSafeEqual(expected, Buffer.from(sig))) return { ok: false, reason: 'invalid' };
  const current = Math.floor(now.getTime() / WINDOW_MS);
  // Its own window and the next; a code from the future (a device clock ahead) is refused too.
  if (window !== current && window !== current - 1) return { ok: false, reason: 'expired' };
  return { ok: true, cardNo };
}
