import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import {
  checkinCode,
  hmacSha256,
  hotp,
  secondsLeft,
  sha256,
  toHex,
  totp,
  utf8Bytes,
  verifyCheckinCode,
  type HmacFn,
} from './checkin-code';

const bytes = (hex: string) => Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
const ascii = (s: string) => Uint8Array.from(Array.from(s, (c) => c.charCodeAt(0)));
const fill = (byte: number, n: number) => new Uint8Array(n).fill(byte);

describe('sha256 (FIPS 180-4 examples)', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
  ])('sha256(%j)', (input, hex) => expect(toHex(sha256(ascii(input)))).toBe(hex));

  it('hashes a million "a"', () => {
    expect(toHex(sha256(fill(0x61, 1_000_000)))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('agrees with node:crypto around the padding boundaries and on random input', () => {
    for (let n = 50; n <= 130; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 255);
      expect(toHex(sha256(data))).toBe(createHash('sha256').update(data).digest('hex'));
    }
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        (data) => toHex(sha256(data)) === createHash('sha256').update(data).digest('hex'),
      ),
    );
  });
});

describe('hmacSha256 (RFC 4231 test cases)', () => {
  it.each([
    ['1', fill(0x0b, 20), ascii('Hi There'), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
    [
      '2',
      ascii('Jefe'),
      ascii('what do ya want for nothing?'),
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    ],
    ['3', fill(0xaa, 20), fill(0xdd, 50), '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe'],
    [
      '4',
      bytes('0102030405060708090a0b0c0d0e0f10111213141516171819'),
      fill(0xcd, 50),
      '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
    ],
    [
      '6',
      fill(0xaa, 131),
      ascii('Test Using Larger Than Block-Size Key - Hash Key First'),
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    ],
    [
      '7',
      fill(0xaa, 131),
      ascii(
        'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
      ),
      '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
    ],
  ])('test case %s', (_n, key, data, hex) => expect(toHex(hmacSha256(key, data))).toBe(hex));

  it('test case 5 (output truncated to 128 bits)', () => {
    expect(toHex(hmacSha256(fill(0x0c, 20), ascii('Test With Truncation'))).slice(0, 32)).toBe(
      'a3b6167473100ee06e0c796c2955552b',
    );
  });

  it('agrees with node:crypto for random keys and messages', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.uint8Array({ maxLength: 200 }),
        (key, msg) => toHex(hmacSha256(key, msg)) === createHmac('sha256', key).update(msg).digest('hex'),
      ),
    );
  });
});

describe('utf8Bytes', () => {
  it('encodes like Node for any string, including Chinese and astral characters', () => {
    expect(toHex(utf8Bytes('签到𠮷'))).toBe('e7adbee588b0f0a0aeb7');
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        (s) => toHex(utf8Bytes(s)) === Buffer.from(s, 'utf8').toString('hex'),
      ),
    );
  });
  it('replaces lone surrogates with U+FFFD', () => {
    expect(toHex(utf8Bytes('a\ud800b'))).toBe('61efbfbd62');
  });
});

describe('totp with SHA-256 (RFC 6238 Appendix B, 8 digits)', () => {
  const seed = '12345678901234567890123456789012';
  it.each([
    [59, '46119246'],
    [1111111109, '68084774'],
    [1111111111, '67062674'],
    [1234567890, '91819424'],
    [2000000000, '90698825'],
    [20000000000, '77737706'],
  ])('T = %i s → %s', (seconds, code) => {
    expect(totp(seed, seconds * 1000, { digits: 8 })).toBe(code);
    expect(totp(ascii(seed), seconds * 1000, { digits: 8, periodSeconds: 30 })).toBe(code);
  });

  it('hotp keeps leading zeros and refuses bad counters and digit counts', () => {
    expect(hotp('task-42-secret', 0)).toBe('146398');
    expect(() => hotp('k', -1)).toThrow(RangeError);
    expect(() => hotp('k', 1.5)).toThrow(RangeError);
    expect(() => hotp('k', 1, 10)).toThrow(RangeError);
  });
});

describe('checkinCode', () => {
  const secret = 'task-42-secret';

  it('is 6 digits, stays the same within a 30 s period and changes at its end', () => {
    expect(checkinCode(secret, 0)).toBe('146398');
    expect(checkinCode(secret, 29_999)).toBe('146398');
    expect(checkinCode(secret, 30_000)).toBe('224343');
    expect(checkinCode(secret, 59_999)).toBe('224343');
    expect(checkinCode(secret, 60_000)).toBe('206312');
    expect(checkinCode(secret, 1_700_000_000_000)).toBe('553656');
  });

  it('depends on the secret', () => {
    expect(checkinCode('task-43-secret', 0)).not.toBe(checkinCode(secret, 0));
  });

  it('honours another period', () => {
    expect(checkinCode(secret, 59_999, 60)).toBe(checkinCode(secret, 0, 30));
    expect(checkinCode(secret, 60_000, 60)).toBe('224343');
  });

  it('accepts an injected HMAC (e.g. node:crypto in the API) and gets the same codes', () => {
    let calls = 0;
    const native: HmacFn = (key, msg) => {
      calls += 1;
      return new Uint8Array(createHmac('sha256', key).update(msg).digest());
    };
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        (s, now) => checkinCode(s, now, 30, native) === checkinCode(s, now),
      ),
      { numRuns: 200 },
    );
    expect(calls).toBe(200);
  });

  it('refuses a negative or non-finite time and a bad period', () => {
    expect(() => checkinCode(secret, -1)).toThrow(RangeError);
    expect(() => checkinCode(secret, NaN)).toThrow(RangeError);
    expect(() => checkinCode(secret, 0, 0)).toThrow(RangeError);
  });
});

describe('verifyCheckinCode', () => {
  const secret = 'task-42-secret';
  const now = 1_700_000_000_000; // inside period 56 666 666 (starts at 1 699 999 980 000)
  const period = (k: number) => checkinCode(secret, now + k * 30_000);

  it('accepts the current code and the codes of one period either side', () => {
    expect(verifyCheckinCode(secret, period(0), now)).toBe(true);
    expect(verifyCheckinCode(secret, period(-1), now)).toBe(true);
    expect(verifyCheckinCode(secret, period(1), now)).toBe(true);
  });

  it('refuses codes two periods away', () => {
    expect(verifyCheckinCode(secret, period(-2), now)).toBe(false);
    expect(verifyCheckinCode(secret, period(2), now)).toBe(false);
  });

  it('with window 0 accepts only the current period, with window 2 two either side', () => {
    expect(verifyCheckinCode(secret, period(0), now, 30, 0)).toBe(true);
    expect(verifyCheckinCode(secret, period(-1), now, 30, 0)).toBe(false);
    expect(verifyCheckinCode(secret, period(-2), now, 30, 2)).toBe(true);
    expect(verifyCheckinCode(secret, period(-3), now, 30, 2)).toBe(false);
  });

  it('accepts the previous code right after the change and not one period later', () => {
    const code = checkinCode(secret, 29_999);
    expect(verifyCheckinCode(secret, code, 30_000)).toBe(true);
    expect(verifyCheckinCode(secret, code, 59_999)).toBe(true);
    expect(verifyCheckinCode(secret, code, 60_000)).toBe(false);
  });

  it('handles period 0 (no earlier period to look at)', () => {
    expect(verifyCheckinCode(secret, '146398', 0)).toBe(true);
    expect(verifyCheckinCode(secret, '224343', 0)).toBe(true);
    expect(verifyCheckinCode(secret, '206312', 0)).toBe(false);
  });

  it.each(['', '14639', '1463980', '14639a', ' 146398', '146398 ', '１４６３９８'])('refuses malformed %j', (code) => {
    expect(verifyCheckinCode(secret, code, 0)).toBe(false);
  });

  it('refuses another task’s code', () => {
    expect(verifyCheckinCode('task-43-secret', period(0), now)).toBe(false);
    expect(verifyCheckinCode('task-43-secret', checkinCode('task-43-secret', now), now)).toBe(true);
  });

  it('always accepts the code it just computed, for any secret and time', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.integer({ min: 0, max: 4_102_444_800_000 }), (s, t) =>
        verifyCheckinCode(s, checkinCode(s, t), t),
      ),
      { numRuns: 200 },
    );
  });
});

describe('secondsLeft', () => {
  it.each([
    [0, 30],
    [1, 30],
    [999, 30],
    [1_000, 29],
    [29_000, 1],
    [29_999, 1],
    [30_000, 30],
    [1_700_000_000_000, 10],
  ])('at %i ms → %i s', (now, left) => expect(secondsLeft(now)).toBe(left));

  it('counts a 60 s period', () => {
    expect(secondsLeft(30_000, 60)).toBe(30);
  });
});
