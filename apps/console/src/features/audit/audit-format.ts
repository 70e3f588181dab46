import { AuditObjectType, ROLE_LABELS, type AuditEventDto } from '@sbd/contracts';

const OBJECT_LABELS: Record<AuditObjectType, string> = {
  [AuditObjectType.Account]: '账号',
  [AuditObjectType.Registration]: '报到',
  [AuditObjectType.Claim]: '认领',
  [AuditObjectType.PointsEntry]: '积分',
  [AuditObjectType.Role]: '角色',
  [AuditObjectType.OrgNode]: '组织',
  [AuditObjectType.Need]: '需求',
  [AuditObjectType.Callup]: '召集',
  [AuditObjectType.RoleInvitation]: '任命邀请',
  [AuditObjectType.RosterEntry]: '名册条目',
};

/** What it was done to: kind in Chinese and id. */
export function objectText(e: AuditEventDto): string {
  const kind = OBJECT_LABELS[e.objectType] ?? e.objectType;
  return e.objectId ? `${kind} #${e.objectId}` : kind;
}

/** The detail of an event as one short line: `key: value` pairs, arrays and objects flattened. */
export function detailText(detail: AuditEventDto['detail']): string {
  if (!detail) return '';
  return Object.entries(detail)
    .map(
      ([k, v]) => `${k}: ${typeof v === 'object' && v !== null && !Array.isArray(v) ? JSON.stringify(v) : String(v)}`,
    )
    .join('；');
}

/** Who did it: name, role and id, or 匿名 for an attempt without an account. */
export function actorText(e: AuditEventDto): string {
  if (e.actorUserId === null) return '匿名';
  const role = e.actorRole ? `（${ROLE_LABELS[e.actorRole] ?? e.actorRole}）` : '';
  return `${e.actorName ?? '—'}${role} #${e.actorUserId}`;
}

/** A positive whole number typed into the actor filter, or undefined. */
export function parseActorId(text: string): number | undefined {
  const t = text.trim();
  return /^[1-9]\d{0,9}$/.test(t) ? Number(t) : undefined;
}
