import { AuditAction, AuditObjectType, Role, type AuditEventDto } from '@sbd/contracts';
import { actorText, detailText, objectText, parseActorId } from '@/features/audit/audit-format';

const event = (over: Partial<AuditEventDto>): AuditEventDto => ({
  id: 1,
  occurredAt: '2026-12-01T08:00:00.000Z',
  action: AuditAction.Login,
  actorUserId: 4,
  actorName: '陈芳',
  actorRole: Role.CommunityAdmin,
  actorScopeNodeId: 7,
  objectType: AuditObjectType.Account,
  objectId: '4',
  nodeId: 7,
  nodeName: '桃园社区',
  ip: '127.0.0.1',
  requestId: null,
  detail: null,
  ...over,
});

describe('the audit log rows', () => {
  it('should name the actor with role and id, or 匿名 for an attempt without an account', () => {
    expect(actorText(event({}))).toMatch(/^陈芳（.+） #4$/);
    expect(actorText(event({ actorUserId: null, actorName: null, actorRole: null }))).toBe('匿名');
  });

  it('should flatten the detail into one line', () => {
    expect(detailText(null)).toBe('');
    expect(detailText({ reason: '地址不符', ids: [1, 2] })).toBe('reason: 地址不符；ids: 1,2');
  });

  it('should take only a positive whole number as actor id', () => {
    expect(parseActorId(' 42 ')).toBe(42);
    expect(parseActorId('')).toBeUndefined();
    expect(parseActorId('abc')).toBeUndefined();
    expect(parseActorId('0')).toBeUndefined();
  });
});

describe('the audit log objects', () => {
  it('should name the kind of object in Chinese with its id', () => {
    expect(objectText(event({}))).toBe('账号 #4');
    expect(objectText(event({ objectType: AuditObjectType.Need, objectId: null }))).toBe('需求');
  });
});
