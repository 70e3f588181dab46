/**
 * Property: whatever malformed body reaches 查看完整号码 (POST /api/pii-reveals), the API answers
 * 400 with a Chinese message — never a 5xx, never a number — and writes nothing (no audit row).
 */
import { PiiField, PiiObjectType, type NeedDto } from '@sbd/contracts';
import { LOOP_RUNS } from '../../support/loop-malformed';
import { badEnum, badId, badText } from '../../support/malformed';
import { describeMalformedRoutes } from '../../support/malformed-routes';
import { ALICE_CONTACT, createPrivacyWorld, type PrivacyWorld } from './privacy-world';

describe('should refuse malformed reveal requests', () => {
  let w: PrivacyWorld;
  let need: NeedDto;
  beforeAll(async () => {
    w = await createPrivacyWorld();
    need = await w.post(w.alice, { contactPhone: ALICE_CONTACT });
  });
  afterAll(() => w.t.close());

  describeMalformedRoutes({ app: () => w.t, tags: ['privacy'], ...LOOP_RUNS }, [
    {
      method: 'post',
      path: '/api/pii-reveals',
      user: () => w.adminA,
      bad: {
        objectType: badEnum(Object.values(PiiObjectType)),
        objectId: badId(),
        field: badEnum(Object.values(PiiField)),
        memberUserId: badId({ nullOk: true }),
        reason: badText(200, { notBlank: true }),
      },
      valid: () => ({
        objectType: PiiObjectType.Need,
        objectId: need.id,
        field: PiiField.ContactPhone,
        reason: '电话回访需求进展',
      }),
      validStatus: 201,
    },
  ]);
});
