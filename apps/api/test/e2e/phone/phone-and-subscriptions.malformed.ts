/** The malformed-body table of the phone checks (WeChat button, SMS codes) and the subscribe-message choices. */
import { NotificationKind, SubscribeChoice } from '@sbd/contracts';
import fc from 'fast-check';
import type { FoundationWorld } from '../../support/foundation-world';
import { badEnum, badNested, badPhone, nonMatching, notAnArray, notAString, tooLong } from '../../support/malformed';
import type { MalformedRoute } from '../../support/malformed-routes';

const PHONE = '13900002222';
const TEMPLATE = 'tmpl-malformed';
const badCode = fc.oneof(notAString, fc.constant(null), nonMatching(/^\d{6}$/));

export function phoneAndSubscriptionMalformedRoutes(w: () => FoundationWorld): MalformedRoute[] {
  let smsCode = '';
  const validChoice = { templateId: TEMPLATE, choice: SubscribeChoice.Accept };
  return [
    {
      method: 'post',
      path: '/api/phone-verifications/wechat',
      user: () => w().plain,
      bad: { code: fc.oneof(notAString, fc.constant(null), fc.constant(''), tooLong(128)) },
      valid: () => ({ code: 'malformed-phone-code' }),
      validStatus: 200,
      before: async () => {
        w().t.wechat.phoneCodes.set('malformed-phone-code', { purePhoneNumber: PHONE });
      },
    },
    {
      method: 'post',
      path: '/api/phone-verifications/sms-codes',
      user: () => w().plain,
      bad: { phone: badPhone() },
      valid: () => ({ phone: PHONE }),
      validStatus: 200,
    },
    {
      method: 'post',
      path: '/api/phone-verifications/sms',
      user: () => w().plain,
      bad: { phone: badPhone(), code: badCode },
      valid: () => ({ phone: PHONE, code: smsCode }),
      validStatus: 200,
      before: async () => {
        // The test app has no SMS provider (SMS_PROVIDER=log): the code comes back in the answer.
        const res = await w()
          .t.http()
          .post('/api/phone-verifications/sms-codes')
          .set(w().plain.auth)
          .send({ phone: PHONE })
          .expect(200);
        smsCode = res.body.devCode;
      },
    },
    {
      method: 'post',
      path: '/api/subscriptions/choices',
      user: () => w().plain,
      bad: {
        choices: fc.oneof(
          notAnArray,
          fc.constant(null),
          fc.constant([]),
          fc.constant([validChoice, validChoice, validChoice, validChoice]),
          badNested(
            validChoice,
            {
              templateId: fc.oneof(notAString, fc.constant(null), nonMatching(/^[A-Za-z0-9_-]{1,64}$/)),
              choice: badEnum(Object.values(SubscribeChoice)),
            },
            { required: ['templateId', 'choice'] },
          ).map((item) => [item]),
        ),
      },
      valid: () => ({ choices: [validChoice] }),
      validStatus: 200,
      before: async () => {
        w().t.config.wechat.templateIds[NotificationKind.PointsChanged] = TEMPLATE;
      },
    },
  ];
}
