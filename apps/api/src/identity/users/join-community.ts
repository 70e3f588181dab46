import { OrgNodeType, Role, type JoinCommunityRequest } from '@sbd/contracts';
import { IsNull, type DataSource } from 'typeorm';
import type { Principal, ScopedRole } from '../../platform/auth/principal';
import { badRequest, conflict } from '../../platform/errors/app-errors';
import { orgNodeReader } from '../../org';
import { UserRoleEntity } from './entities/user-role.entity';

/** Roles that already tie a person to a community they live or work in. */
const COMMUNITY_ROLES: readonly Role[] = [Role.Resident, Role.Member, Role.CommunityAdmin];

/**
 * A person without a community becomes a resident (居民) of one: by its code (the poster) or its
 * id (chosen from the nearby list). Only open communities; joining the same one again changes
 * nothing; someone who already belongs to another community is told which. Answers the roles
 * after the change.
 */
export async function joinCommunity(db: DataSource, p: Principal, input: JoinCommunityRequest): Promise<ScopedRole[]> {
  const byCode = input.code !== undefined;
  if (byCode === (input.communityId !== undefined)) {
    throw badRequest('请输入社区编码或从附近社区中选择一个', byCode ? 'communityId' : 'code');
  }
  const community = await orgNodeReader(db).findOneBy(
    byCode
      ? { code: (input.code as string).toUpperCase(), type: OrgNodeType.Community }
      : { id: input.communityId as number, type: OrgNodeType.Community },
  );
  if (!community) {
    throw byCode
      ? badRequest('没有这个社区编码，请核对海报上的编码', 'code')
      : badRequest('社区不存在，请重新选择', 'communityId');
  }
  if (community.closedAt) throw conflict('该社区已撤销，请选择其他社区或联系所在街道');
  const current = p.roles.find((r) => COMMUNITY_ROLES.includes(r.role) && r.scopeNodeId !== null);
  if (current && current.scopeNodeId !== community.id) {
    throw conflict(`您已是${current.scopeName ?? '其他社区'}的成员，如需更换请联系社区工作人员`);
  }
  if (current) return p.roles;
  await db.transaction(async (m) => {
    const repo = m.getRepository(UserRoleEntity);
    const held = { userId: p.userId, role: Role.Resident, scopeNodeId: community.id, endsAt: IsNull() };
    if (!(await repo.existsBy(held))) {
      await repo.insert({ userId: p.userId, role: Role.Resident, scopeNodeId: community.id, createdAt: new Date() });
    }
  });
  const joined: ScopedRole = {
    role: Role.Resident,
    scopeNodeId: community.id,
    scopePath: community.path,
    scopeName: community.name,
  };
  return [...p.roles, joined];
}
