/**
 * The malformed-body table of the auth and me routes: signup, login, WeChat login, refresh, logout,
 * consent, joining a community.
 */
import fc from 'fast-check';
import { PRIVACY_NOTICE } from '../../../src/identity/users/privacy-notice';
import { createUser, nextPhone, PASSWORD, type TestUser } from '../../support/factories';
import type { FoundationWorld } from '../../support/foundation-world';
import { badId, badPhone, badText, nonMatching, notAString, tooLong } from '../../support/malformed';
import type { MalformedRoute } from '../../support/malformed-routes';

const CONSENT = PRIVACY_NOTICE.version;
const badRefreshToken = fc.oneof(notAString, fc.constant(null), fc.string({ maxLength: 15 }), tooLong(200));

export function authMalformedRoutes(w: () => FoundationWorld): MalformedRoute[] {
  let joiner: TestUser | null = null;
  return [
    {
      method: 'post',
      path: '/api/me/community',
      user: () => joiner,
      bad: {
        code: fc.oneof(notAString, fc.constant(null), nonMatching(/^[A-Za-z0-9_-]{2,32}$/), fc.constant('NOSUCHCODE')),
        communityId: fc.oneof(badId(), fc.constant(99_999_999)),
      },
      valid: () => ({ code: w().city.a.code }),
      validStatus: 200,
      // Someone new each time: joining once makes them a resident.
      before: async () => {
        joiner = await createUser(w().t);
      },
    },
    {
      method: 'post',
      path: '/api/auth/signup',
      user: () => null,
      bad: {
        phone: badPhone(),
        password: fc.oneof(
          notAString,
          fc.constant(null),
          fc.string({ maxLength: 7 }),
          fc.stringMatching(/^[a-z]{8,20}$/),
          fc.stringMatching(/^[a-z0-9]{8,20}$/).filter((s) => !/^[a-z]+$/.test(s) && !/^\d+$/.test(s)),
          fc.stringMatching(/^[A-Za-z0-9!]{65,80}$/),
        ),
        name: badText(50, { notBlank: true }),
        communityCode: fc.oneof(notAString, nonMatching(/^[A-Za-z0-9_-]{1,32}$/)),
        consentVersion: fc.oneof(notAString, fc.constant(null), fc.constant(''), fc.constant('2000-01'), tooLong(20)),
      },
      valid: () => ({ phone: nextPhone(), password: 'Str0ng!pass', name: '张三', consentVersion: CONSENT }),
      validStatus: 202,
    },
    {
      method: 'post',
      path: '/api/auth/login',
      user: () => null,
      bad: { phone: badPhone(), password: fc.oneof(notAString, fc.constant(null), fc.constant(''), tooLong(64)) },
      valid: () => ({ phone: w().session.phone, password: PASSWORD }),
      validStatus: 200,
    },
    {
      method: 'post',
      path: '/api/auth/wechat',
      user: () => null,
      bad: { code: fc.oneof(notAString, fc.constant(null), fc.constant(''), tooLong(128)) },
      valid: () => ({ code: 'malformed-spec-code' }),
      validStatus: 200,
      before: async () => {
        w().t.wechat.codes.set('malformed-spec-code', { openid: 'openid-malformed-spec' });
      },
    },
    {
      method: 'post',
      path: '/api/auth/refresh',
      user: () => null,
      bad: { refreshToken: badRefreshToken },
      valid: () => ({ refreshToken: w().session.refreshToken }),
      validStatus: 200,
    },
    {
      method: 'post',
      path: '/api/auth/logout',
      user: () => null,
      bad: { refreshToken: badRefreshToken },
      valid: () => ({ refreshToken: w().session.refreshToken }),
      validStatus: 204,
    },
    {
      method: 'post',
      path: '/api/me/consent',
      user: () => w().plain,
      bad: {
        version: fc.oneof(
          notAString,
          fc.constant(null),
          tooLong(20),
          fc.string({ maxLength: 20 }).filter((s) => s !== PRIVACY_NOTICE.version),
        ),
      },
      valid: () => ({ version: PRIVACY_NOTICE.version }),
      validStatus: 200,
    },
  ];
}
