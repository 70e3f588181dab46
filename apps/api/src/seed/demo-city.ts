import { DayPeriod, OrgNodeType, RegistrationStatus, Role, Weekday } from '@sbd/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { PasswordHasher } from '../identity/auth/password-hasher';
import { OrgNodeEntity } from '../org/entities/org-node.entity';
import { PositionEntity } from '../org/entities/position.entity';
import { insertOrgNode } from '../org/org-tree';
import { RegistrationPositionEntity } from '../identity/registration/entities/registration-position.entity';
import { RegistrationEntity } from '../identity/registration/entities/registration.entity';
import { UserRoleEntity } from '../identity/users/entities/user-role.entity';
import { UserEntity } from '../identity/users/entities/user.entity';
import { PRIVACY_NOTICE } from '../identity/users/privacy-notice';
import { withSeedLock } from './seed-lock';

export const DEMO_PASSWORD = 'Demo@2026';

export interface DemoAccount {
  role: Role;
  label: string;
  name: string;
  phone: string;
  scope: string;
}

export interface DemoCity {
  created: boolean;
  accounts: DemoAccount[];
  communities: { name: string; code: string }[];
}

const COMMUNITIES = [
  { street: '和平桥街道', name: '桃园社区', code: 'TAOYUAN', lat: 32.0123, lng: 120.8642 },
  { street: '和平桥街道', name: '濠西社区', code: 'HAOXI', lat: 32.0187, lng: 120.8551 },
  { street: '城东街道', name: '新城桥社区', code: 'XINCHENGQIAO', lat: 32.0301, lng: 120.8897 },
  { street: '城东街道', name: '永兴社区', code: 'YONGXING', lat: 32.0412, lng: 120.9012 },
];

const UNITS = ['市税务局', '市第一人民医院', '市自然资源和规划局'];

const ACCOUNTS: { phone: string; name: string; role: Role; scope: string }[] = [
  { phone: '13800000001', name: '平台管理员', role: Role.PlatformAdmin, scope: '' },
  { phone: '13800000002', name: '区管理员王敏', role: Role.DistrictAdmin, scope: '崇川区' },
  { phone: '13800000003', name: '街道管理员李强', role: Role.StreetAdmin, scope: '和平桥街道' },
  { phone: '13800000004', name: '社区书记陈芳', role: Role.CommunityAdmin, scope: '桃园社区' },
  { phone: '13800000005', name: '税务局党办刘洋', role: Role.UnitAdmin, scope: '市税务局' },
  { phone: '13800000006', name: '张建国', role: Role.Member, scope: '桃园社区' },
  { phone: '13800000007', name: '周海燕', role: Role.BranchSecretary, scope: '桃园社区「双报到」功能型党支部' },
  { phone: '13800000008', name: '居民赵阿姨', role: Role.Resident, scope: '桃园社区' },
  { phone: '13800000009', name: '孙志华', role: Role.Member, scope: '桃园社区（报到待审核）' },
];

/**
 * The demo city: a district, 2 streets, 4 communities with grids, buildings, a party committee,
 * a functional branch and party groups, 3 work units, and one account per role. Idempotent, and
 * safe to run twice at once: the check and the build run under the migrations' named lock.
 */
export async function seedDemoCity(ds: DataSource, cipher: FieldCipher, hasher: PasswordHasher): Promise<DemoCity> {
  const accounts = ACCOUNTS.map((a) => ({ ...a, label: roleLabel(a.role), scope: a.scope || '全平台' }));
  const communities = COMMUNITIES.map((c) => ({ name: c.name, code: c.code }));
  const present = () => ds.getRepository(OrgNodeEntity).existsBy({ code: 'TAOYUAN' });
  if (await present()) return { created: false, accounts, communities };
  return withSeedLock(ds, async () => {
    // Another seed may have built it while this one waited for the lock.
    if (await present()) return { created: false, accounts, communities };
    try {
      await buildDemoCity(ds, cipher, hasher);
    } catch (err) {
      // SQLite has no named lock: another process on the same file got there first.
      if (ds.options.type !== 'mysql' && (await present())) return { created: false, accounts, communities };
      throw err;
    }
    return { created: true, accounts, communities };
  });
}

async function buildDemoCity(ds: DataSource, cipher: FieldCipher, hasher: PasswordHasher): Promise<void> {
  const passwordHash = await hasher.hash(DEMO_PASSWORD);
  await ds.transaction(async (m) => {
    const node = (type: OrgNodeType, name: string, parentId: number | null, extra: Partial<OrgNodeEntity> = {}) =>
      insertOrgNode(m, {
        type,
        name,
        parentId,
        code: extra.code ?? null,
        address: extra.address ?? null,
        latitude: extra.latitude ?? null,
        longitude: extra.longitude ?? null,
      });

    const district = await node(OrgNodeType.District, '崇川区', null, { code: 'D-CHONGCHUAN' });
    const ids: Record<string, number> = { 崇川区: district.id };
    for (const street of ['和平桥街道', '城东街道'])
      ids[street] = (await node(OrgNodeType.Street, street, district.id)).id;

    for (const c of COMMUNITIES) {
      const community = await node(OrgNodeType.Community, c.name, ids[c.street], {
        code: c.code,
        address: `南通市崇川区${c.street}${c.name}党群服务中心`,
        latitude: c.lat,
        longitude: c.lng,
      });
      ids[c.name] = community.id;
      const committee = await node(OrgNodeType.PartyCommittee, `${c.name}大党委`, community.id);
      const branch = await node(OrgNodeType.FunctionalBranch, `${c.name}「双报到」功能型党支部`, committee.id);
      ids[`${c.name}「双报到」功能型党支部`] = branch.id;
      for (const [gi, gridName] of ['第一网格', '第二网格'].entries()) {
        const grid = await node(OrgNodeType.Grid, `${c.name}${gridName}`, community.id);
        ids[`${c.name}:grid${gi}`] = grid.id;
        await node(OrgNodeType.PartyGroup, `${gridName}党小组`, grid.id);
        for (const b of [1, 2]) {
          const building = await node(
            OrgNodeType.Building,
            `${c.name.replace('社区', '')}小区${gi * 2 + b}号楼`,
            grid.id,
          );
          ids[`${c.name}:building${gi * 2 + b}`] = building.id;
        }
      }
    }
    for (const u of UNITS) {
      const unit = await node(OrgNodeType.WorkUnit, u, district.id);
      ids[u] = unit.id;
      await node(OrgNodeType.UnitPartyOrg, `${u}机关党委`, unit.id);
    }

    const now = new Date();
    const userIds: Record<string, number> = {};
    for (const a of ACCOUNTS) {
      const { identifiers } = await m.getRepository(UserEntity).insert({
        name: a.name,
        phoneEnc: cipher.encrypt(a.phone),
        phoneHash: cipher.hash(a.phone),
        passwordHash,
        failedLoginCount: 0,
        consentVersion: PRIVACY_NOTICE.version,
        consentAt: now,
        createdAt: now,
        updatedAt: now,
      });
      userIds[a.phone] = Number(identifiers[0].id);
    }
    const grant = (phone: string, role: Role, scopeNodeId: number | null) =>
      m.getRepository(UserRoleEntity).insert({ userId: userIds[phone], role, scopeNodeId, createdAt: now });
    await grant('13800000001', Role.PlatformAdmin, null);
    await grant('13800000002', Role.DistrictAdmin, ids['崇川区']);
    await grant('13800000003', Role.StreetAdmin, ids['和平桥街道']);
    await grant('13800000004', Role.CommunityAdmin, ids['桃园社区']);
    await grant('13800000005', Role.UnitAdmin, ids['市税务局']);
    await grant('13800000008', Role.Resident, ids['桃园社区']);

    const positions = await m.getRepository(PositionEntity).findBy({ communityId: ids['桃园社区'] });
    const pos = (code: string) => positions.find((p) => p.code === code)!.id;
    await register(m, cipher, {
      userId: userIds['13800000006'],
      phone: '13800000006',
      name: '张建国',
      communityId: ids['桃园社区'],
      unitId: ids['市税务局'],
      unitName: '市税务局',
      buildingId: ids['桃园社区:building1'],
      gridId: ids['桃园社区:grid0'],
      branchId: ids['桃园社区「双报到」功能型党支部'],
      skills: ['税务咨询', '电脑维修'],
      positionIds: [pos('policy'), pos('legal')],
      approved: true,
      now,
    });
    await grant('13800000006', Role.Member, ids['桃园社区']);
    await register(m, cipher, {
      userId: userIds['13800000007'],
      phone: '13800000007',
      name: '周海燕',
      communityId: ids['桃园社区'],
      unitId: ids['市第一人民医院'],
      unitName: '市第一人民医院',
      buildingId: ids['桃园社区:building3'],
      gridId: ids['桃园社区:grid1'],
      branchId: ids['桃园社区「双报到」功能型党支部'],
      skills: ['健康咨询', '急救'],
      positionIds: [pos('health')],
      approved: true,
      now,
    });
    await grant('13800000007', Role.Member, ids['桃园社区']);
    await grant('13800000007', Role.BranchSecretary, ids['桃园社区「双报到」功能型党支部']);
    await register(m, cipher, {
      userId: userIds['13800000009'],
      phone: '13800000009',
      name: '孙志华',
      communityId: ids['桃园社区'],
      unitId: ids['市自然资源和规划局'],
      unitName: '市自然资源和规划局',
      buildingId: ids['桃园社区:building2'],
      gridId: ids['桃园社区:grid0'],
      branchId: null,
      skills: ['法律咨询'],
      positionIds: [pos('legal')],
      approved: false,
      now,
    });
  });
}

async function register(
  m: EntityManager,
  cipher: FieldCipher,
  r: {
    userId: number;
    phone: string;
    name: string;
    communityId: number;
    unitId: number;
    unitName: string;
    buildingId: number;
    gridId: number;
    branchId: number | null;
    skills: string[];
    positionIds: number[];
    approved: boolean;
    now: Date;
  },
): Promise<void> {
  const { identifiers } = await m.getRepository(RegistrationEntity).insert({
    userId: r.userId,
    communityId: r.communityId,
    status: r.approved ? RegistrationStatus.Approved : RegistrationStatus.Pending,
    name: r.name,
    phoneEnc: cipher.encrypt(r.phone),
    phoneHash: cipher.hash(r.phone),
    idNumberEnc: null,
    idNumberHash: null,
    workUnitId: r.unitId,
    workUnitName: r.unitName,
    unitPartyOrgName: `${r.unitName}机关党委`,
    buildingId: r.buildingId,
    residenceDetail: '2单元501室',
    skills: r.skills,
    freeTime: [
      { weekday: Weekday.Sat, period: DayPeriod.Morning },
      { weekday: Weekday.Sun, period: DayPeriod.Afternoon },
      { weekday: Weekday.Wed, period: DayPeriod.Evening },
    ],
    branchId: r.branchId,
    groupId: null,
    gridId: r.gridId,
    rejectReason: null,
    reviewedById: null,
    reviewedAt: r.approved ? r.now : null,
    approvedAt: r.approved ? r.now : null,
    consentVersion: PRIVACY_NOTICE.version,
    cardNo: r.approved ? `SBD${String(r.userId).padStart(6, '0')}DEMO` : null,
    unitConfirmed: false,
    submittedAt: r.now,
    updatedAt: r.now,
  });
  const registrationId = Number(identifiers[0].id);
  await m
    .getRepository(RegistrationPositionEntity)
    .insert(r.positionIds.map((positionId) => ({ registrationId, positionId })));
}

function roleLabel(role: Role): string {
  return {
    [Role.Resident]: '居民',
    [Role.Member]: '党员',
    [Role.BranchSecretary]: '支部书记',
    [Role.GridLeader]: '网格长',
    [Role.CommunityAdmin]: '社区管理员',
    [Role.UnitAdmin]: '单位管理员',
    [Role.StreetAdmin]: '街道管理员',
    [Role.DistrictAdmin]: '区管理员',
    [Role.PlatformAdmin]: '平台管理员',
  }[role];
}

export function formatDemoAccounts(city: DemoCity): string {
  const lines = [
    '',
    '演示账号（密码均为 ' + DEMO_PASSWORD + '）/ demo accounts, password ' + DEMO_PASSWORD + ':',
    ...city.accounts.map((a) => `  ${a.phone}  ${a.label.padEnd(6, '　')}  ${a.name}（${a.scope}）`),
    '社区报到码 / community codes: ' + city.communities.map((c) => `${c.name}=${c.code}`).join('  '),
    '',
  ];
  return lines.join('\n');
}
