/**
 * What a member does with WeChat before the API lets things through, done directly for tests that
 * are about something else: proving a phone (the real routes are tested in test/e2e/phone/) and
 * accepting subscribe messages (test/e2e/subscriptions/).
 */
import type { SubmitRegistrationRequest } from '@sbd/contracts';
import type { Response } from 'supertest';
import { PhoneVerificationEntity } from '../../src/identity/phone/entities/phone-verification.entity';
import { FieldCipher } from '../../src/platform/crypto/field-cipher';
import { toDbDate } from '../../src/platform/database/sql';
import type { TestUser } from './factories';
import type { TestApp } from './test-app';

/** Proves that `phone` is the user's, as WeChat's phone button or an SMS code would (valid 30 minutes). */
export async function provePhone(
  t: Pick<TestApp, 'ds' | 'config'>,
  user: { id: number },
  phone: string,
): Promise<void> {
  const cipher = new FieldCipher(t.config.fieldEncryptionKey);
  const now = new Date();
  await t.ds.getRepository(PhoneVerificationEntity).insert({
    userId: user.id,
    phoneHash: cipher.hash(phone),
    method: 'sms',
    verifiedAt: now,
    expiresAt: new Date(now.getTime() + 30 * 60_000),
  });
}

/** POST /api/registrations with the body's phone proven first; expects `status` (201 by default). */
export async function registerAs(
  t: TestApp,
  user: TestUser,
  body: Partial<SubmitRegistrationRequest> | Record<string, unknown>,
  status = 201,
): Promise<Response> {
  if (typeof body.phone === 'string') await provePhone(t, user, body.phone);
  return t.http().post('/api/registrations').set(user.auth).send(body).expect(status);
}

/** The user accepted `count` one-time subscriptions of a template, as the mini-program records them. */
export async function acceptSubscription(
  t: Pick<TestApp, 'ds'>,
  user: { id: number },
  templateId: string,
  count = 1,
): Promise<void> {
  const now = toDbDate(new Date());
  await t.ds.query(
    `INSERT INTO subscription_grants (user_id, template_id, remaining, last_choice, created_at, updated_at)
     VALUES (?, ?, ?, 'accept', ?, ?)`,
    [user.id, templateId, count, now, now],
  );
}
