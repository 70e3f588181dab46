import { Role } from '@sbd/contracts';
import type { Principal } from '../auth/principal';
import { accountNodeId, actingRole } from './audit-actor';
import { AUDIT_DETAIL_MAX_CHARS, sanitizeDetail, scrubPersonalNumbers } from './audit-detail';

describe('audit event details', () => {
  it('mask every full phone or ID number, in text and in numbers', () => {
    expect(scrubPersonalNumbers('回访 13812345678，身份证 32060219900101123X 或 320602900101123')).toBe(
      '回访 138****5678，身份证 320602********123X 或 320602*****1123',
    );
    expect(sanitizeDetail({ phone: 13812345678, list: ['13812345678'], nested: { id: '32060219900101123X' } })).toEqual(
      {
        phone: '138****5678',
        list: ['138****5678'],
        nested: { id: '320602********123X' },
      },
    );
  });

  it('leave ordinary numbers and masked values alone', () => {
    expect(sanitizeDetail({ delta: -10, ids: [1, 2, 3], phone: '138****5678', ok: true, none: null })).toEqual({
      delta: -10,
      ids: [1, 2, 3],
      phone: '138****5678',
      ok: true,
      none: null,
    });
  });

  it('stay small: short strings and lists, one level of nesting, a bounded JSON size', () => {
    const big = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 'x'.repeat(500)]));
    const out = sanitizeDetail({ ...big, deep: { a: { b: 1 } } })!;
    expect(JSON.stringify(out).length).toBeLessThanOrEqual(AUDIT_DETAIL_MAX_CHARS);
    expect(out.truncated).toBe(true);
    expect((out.k0 as string).length).toBe(200);
    expect(sanitizeDetail({ deep: { a: { b: 1 }, c: 2 } })).toEqual({ deep: { c: 2 } });
    expect(sanitizeDetail({ list: Array.from({ length: 50 }, (_, i) => i) })!.list).toHaveLength(20);
    expect(sanitizeDetail({})).toBeNull();
    expect(sanitizeDetail({ f: () => 1, u: undefined })).toBeNull();
  });
});

describe('the role an actor acted in', () => {
  const role = (r: Role, scopeNodeId: number | null, scopePath: string) => ({
    role: r,
    scopeNodeId,
    scopePath,
    scopeName: null,
  });
  const p: Principal = {
    userId: 1,
    roles: [
      role(Role.DistrictAdmin, 1, '/1/'),
      role(Role.CommunityAdmin, 3, '/1/2/3/'),
      role(Role.Member, 3, '/1/2/3/'),
    ],
  };

  it('is the narrowest role held over the node, the wider one on a tie', () => {
    expect(actingRole(p, '/1/2/3/9/')).toMatchObject({ role: Role.CommunityAdmin, scopeNodeId: 3 });
    expect(actingRole(p, '/1/5/')).toMatchObject({ role: Role.DistrictAdmin, scopeNodeId: 1 });
  });

  it('is one of the roles that authorise the action when they are given', () => {
    expect(actingRole(p, '/1/2/3/', [Role.DistrictAdmin])).toMatchObject({ role: Role.DistrictAdmin });
    expect(actingRole(p, '/1/2/3/', [Role.Member])).toMatchObject({ role: Role.Member });
  });

  it('is the widest role when there is no node, and none for an account without roles', () => {
    expect(actingRole(p, null)).toMatchObject({ role: Role.DistrictAdmin });
    expect(actingRole({ userId: 2, roles: [] }, '/1/')).toBeNull();
  });

  it('puts an account’s own events under its widest scope, else its community', () => {
    expect(accountNodeId(p)).toBe(1);
    expect(accountNodeId({ userId: 3, roles: [role(Role.PlatformAdmin, null, '/')] })).toBeNull();
    expect(accountNodeId({ userId: 4, roles: [], home: { registrationId: 1, communityId: 7, streetId: 2 } })).toBe(7);
  });
});
