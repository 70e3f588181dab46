import { JwtService } from '@nestjs/jwt';
import {
  DayPeriod,
  NeedCategory,
  OrgNodeType,
  RegistrationStatus,
  Role,
  TaskKind,
  TaskTarget,
  Weekday,
  type CreateCallupRequest,
  type CreateNeedRequest,
  type CreateTaskRequest,
  type LoginResponse,
  type SubmitRegistrationRequest,
} from '@sbd/contracts';
import { randomBytes, randomUUID } from 'node:crypto';
import { FieldCipher } from '../../src/platform/crypto/field-cipher';
import { RefreshTokenEntity } from '../../src/identity/auth/entities/refresh-token.entity';
import { PasswordHasher } from '../../src/identity/auth/password-hasher';
import { PositionEntity } from '../../src/org/entities/position.entity';
import { RegistrationPositionEntity } from '../../src/identity/registration/entities/registration-position.entity';
import { RegistrationEntity } from '../../src/identity/registration/entities/registration.entity';
import { insertOrgNode } from '../../src/org/org-tree';
import { UserRoleEntity } from '../../src/identity/users/entities/user-role.entity';
import { UserEntity } from '../../src/identity/users/entities/user.entity';
import { PRIVACY_NOTICE } from '../../src/identity/users/privacy-notice';
import type { TestApp } from './test-app';

export const PASSWORD = 'Passw0rd!';

export interface CommunityFixture {
  id: number;
  code: string;
  gridId: number;
  buildingId: number;
  branchId: number;
  groupId: number;
  positionIds: number[];
}

export interface City {
  districtId: number;
  streetA: number;
  streetB: number;
  a: CommunityFixture;
  b: CommunityFixture;
  unitA: number;
  unitB: number;
}

let seq = 0;
const unique = () => `${process.pid % 1000}${++seq}`;

/** Two streets with one community each (A under street A, B under street B) and two work units. */
export async function buildCity(t: TestApp): Promise<City> {
  return t.ds.transaction(async (m) => {
    const node = (type: OrgNodeType, name: string, parentId: number | null, code?: string) =>
      insertOrgNode(m, { type, name, parentId, code: code ?? null });
    const district = await node(OrgNodeType.District, '测试区', null);
    const streetA = await node(OrgNodeType.Street, '甲街道', district.id);
    const streetB = await node(OrgNodeType.Street, '乙街道', district.id);
    const community = async (name: string, streetId: number): Promise<CommunityFixture> => {
      const c = await node(OrgNodeType.Community, name, streetId, `T${unique()}`);
      const grid = await node(OrgNodeType.Grid, `${name}一网格`, c.id);
      const building = await node(OrgNodeType.Building, `${name}1号楼`, grid.id);
      const branch = await node(OrgNodeType.FunctionalBranch, `${name}功能型党支部`, c.id);
      const group = await node(OrgNodeType.PartyGroup, `${name}党小组`, grid.id);
      const positions = await m
        .getRepository(PositionEntity)
        .find({ where: { communityId: c.id }, order: { id: 'ASC' } });
      return {
        id: c.id,
        code: c.code as string,
        gridId: grid.id,
        buildingId: building.id,
        branchId: branch.id,
        groupId: group.id,
        positionIds: positions.map((p) => p.id),
      };
    };
    const a = await community('甲社区', streetA.id);
    const b = await community('乙社区', streetB.id);
    const unitA = await node(OrgNodeType.WorkUnit, '甲单位', district.id);
    const unitB = await node(OrgNodeType.WorkUnit, '乙单位', district.id);
    return {
      districtId: district.id,
      streetA: streetA.id,
      streetB: streetB.id,
      a,
      b,
      unitA: unitA.id,
      unitB: unitB.id,
    };
  });
}

let phoneSeq = 0;
/** A fresh, valid mobile number per call (unique within a test process). */
export function nextPhone(): string {
  phoneSeq += 1;
  return `139${String(process.pid % 10000).padStart(4, '0')}${String(phoneSeq).padStart(4, '0')}`;
}

export interface TestUser {
  id: number;
  phone: string;
  token: string;
  refreshToken: string;
  login: LoginResponse;
  auth: { Authorization: string };
}

/** A user with the given roles, logged in through the real login endpoint. */
export async function createUser(
  t: TestApp,
  opts: { name?: string; phone?: string; roles?: { role: Role; scopeNodeId: number | null }[] } = {},
): Promise<TestUser> {
  const cipher = new FieldCipher(t.config.fieldEncryptionKey);
  const hasher = new PasswordHasher(t.config.bcryptRounds);
  const phone = opts.phone ?? nextPhone();
  const now = new Date();
  const { identifiers } = await t.ds.getRepository(UserEntity).insert({
    name: opts.name ?? '测试用户',
    phoneEnc: cipher.encrypt(phone),
    phoneHash: cipher.hash(phone),
    passwordHash: await hasher.hash(PASSWORD),
    failedLoginCount: 0,
    consentVersion: PRIVACY_NOTICE.version,
    consentAt: now,
    createdAt: now,
    updatedAt: now,
  });
  const id = Number(identifiers[0].id);
  for (const r of opts.roles ?? []) {
    await t.ds
      .getRepository(UserRoleEntity)
      .insert({ userId: id, role: r.role, scopeNodeId: r.scopeNodeId, createdAt: now });
  }
  const res = await t.http().post('/api/auth/login').send({ phone, password: PASSWORD }).expect(200);
  const login = res.body as LoginResponse;
  return {
    id,
    phone,
    token: login.accessToken,
    refreshToken: login.refreshToken,
    login,
    auth: { Authorization: `Bearer ${login.accessToken}` },
  };
}

/** A complete, valid registration body for a community; override any field. */
export function aRegistration(
  community: CommunityFixture,
  overrides: Partial<SubmitRegistrationRequest> = {},
): SubmitRegistrationRequest {
  return {
    communityCode: community.code,
    name: '李红梅',
    phone: nextPhone(),
    workUnitName: '市财政局',
    unitPartyOrgName: '市财政局机关党委第一支部',
    buildingId: community.buildingId,
    residenceDetail: '2单元301室',
    skills: ['法律咨询', '摄影'],
    freeTime: [
      { weekday: Weekday.Sat, period: DayPeriod.Morning },
      { weekday: Weekday.Sun, period: DayPeriod.Evening },
    ],
    positionIds: community.positionIds.slice(0, 2),
    consentVersion: PRIVACY_NOTICE.version,
    ...overrides,
  };
}

export { Role };

/**
 * Approved members of a community, inserted directly (fast), with access tokens minted by the
 * app's own JwtService: for tests that need hundreds of members.
 */
export async function createApprovedMembers(
  t: Pick<TestApp, 'ds' | 'config' | 'app'>,
  community: CommunityFixture,
  count: number,
  opts: { unitId?: number | null; branchId?: number | null; positionIds?: number[] } = {},
): Promise<TestUser[]> {
  const cipher = new FieldCipher(t.config.fieldEncryptionKey);
  const jwt = t.app.get(JwtService);
  const out: TestUser[] = [];
  const now = new Date();
  for (let i = 0; i < count; i++) {
    const phone = nextPhone();
    const { identifiers } = await t.ds.getRepository(UserEntity).insert({
      name: `党员${i + 1}`,
      phoneEnc: cipher.encrypt(phone),
      phoneHash: cipher.hash(phone),
      passwordHash: null,
      failedLoginCount: 0,
      consentVersion: PRIVACY_NOTICE.version,
      consentAt: now,
      createdAt: now,
      updatedAt: now,
    });
    const id = Number(identifiers[0].id);
    await t.ds
      .getRepository(UserRoleEntity)
      .insert({ userId: id, role: Role.Member, scopeNodeId: community.id, createdAt: now });
    const reg = await t.ds.getRepository(RegistrationEntity).insert({
      userId: id,
      communityId: community.id,
      status: RegistrationStatus.Approved,
      name: `党员${i + 1}`,
      phoneEnc: cipher.encrypt(phone),
      phoneHash: cipher.hash(phone),
      idNumberEnc: null,
      idNumberHash: null,
      workUnitId: opts.unitId ?? null,
      workUnitName: '测试单位',
      unitPartyOrgName: '测试单位党委',
      buildingId: community.buildingId,
      residenceDetail: '1单元101',
      skills: [],
      freeTime: [],
      branchId: opts.branchId ?? null,
      groupId: null,
      gridId: community.gridId,
      rejectReason: null,
      reviewedById: null,
      reviewedAt: now,
      approvedAt: now,
      consentVersion: PRIVACY_NOTICE.version,
      cardNo: null,
      unitConfirmed: false,
      submittedAt: now,
      updatedAt: now,
    });
    if (opts.positionIds?.length) {
      const registrationId = Number(reg.identifiers[0].id);
      await t.ds
        .getRepository(RegistrationPositionEntity)
        .insert(opts.positionIds.map((positionId) => ({ registrationId, positionId })));
    }
    // A session of its own (a refresh-token family), as the guard checks it on every request.
    const sid = randomUUID();
    await t.ds.getRepository(RefreshTokenEntity).insert({
      userId: id,
      tokenHash: randomBytes(32).toString('hex'),
      familyId: sid,
      expiresAt: new Date(now.getTime() + 3600_000),
      revokedAt: null,
      replacedById: null,
      createdAt: now,
    });
    const token = await jwt.signAsync({ sub: id, typ: 'access', sid });
    out.push({
      id,
      phone,
      token,
      refreshToken: '',
      login: undefined as unknown as LoginResponse,
      auth: { Authorization: `Bearer ${token}` },
    });
  }
  return out;
}

/** A complete, valid task body; starts in 10 minutes and lasts two hours unless overridden. */
export function aTask(community: CommunityFixture, overrides: Partial<CreateTaskRequest> = {}): CreateTaskRequest {
  const start = new Date(Date.now() + 10 * 60_000);
  return {
    communityId: community.id,
    kind: TaskKind.Micro,
    target: TaskTarget.Individuals,
    title: '3号楼楼道灯维修',
    description: '楼道灯不亮，需要电工党员帮忙更换灯泡',
    capacity: 3,
    startAt: start.toISOString(),
    endAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
    place: '甲社区1号楼',
    latitude: 32.0123,
    longitude: 120.8642,
    publish: true,
    ...overrides,
  };
}

/** Where aTask puts a task: checking in or out by location succeeds here. */
export const AT_THE_TASK = { latitude: 32.0123, longitude: 120.8642 };

/** The times of a task starting `fromNowMs` from now and lasting `hours`, as aTask's overrides. */
export function startingIn(fromNowMs: number, hours = 1): Pick<CreateTaskRequest, 'startAt' | 'endAt'> {
  const start = Date.now() + fromNowMs;
  return { startAt: new Date(start).toISOString(), endAt: new Date(start + hours * 3600_000).toISOString() };
}

/** A complete, valid need (点单) of the community's first building: a broken stairwell light. */
export function aNeed(community: CommunityFixture, overrides: Partial<CreateNeedRequest> = {}): CreateNeedRequest {
  return {
    communityId: community.id,
    category: NeedCategory.Repair,
    title: '3号楼楼道灯坏了',
    description: '3号楼2单元三楼楼道灯不亮好几天了，晚上上下楼很不方便，请帮忙修一下。',
    buildingId: community.buildingId,
    place: '2单元三楼',
    ...overrides,
  };
}

/** A valid call-up (应急集结) of the whole community. */
export function aCallup(
  community: CommunityFixture,
  overrides: Partial<CreateCallupRequest> = {},
): CreateCallupRequest {
  return {
    scopeNodeId: community.id,
    title: '暴雨防汛应急集结',
    description: '地下车库进水',
    place: '甲社区党群服务中心',
    ...overrides,
  };
}

/** Gives a user an openid, as a WeChat login would: their text then goes through msgSecCheck. */
let openidSeq = 0;
export async function linkWechat(
  t: Pick<TestApp, 'ds'>,
  user: TestUser,
  openid = `openid-${process.pid}-${++openidSeq}`,
): Promise<void> {
  await t.ds.query('UPDATE users SET openid = ? WHERE id = ?', [openid, user.id]);
}

/** A user with one role scoped to a community (a resident by default), with WeChat unless `wechat: false`. */
export async function createResident(
  t: TestApp,
  communityId: number,
  opts: { wechat?: boolean; name?: string; role?: Role; phone?: string } = {},
): Promise<TestUser> {
  const user = await createUser(t, {
    name: opts.name ?? '居民',
    phone: opts.phone,
    roles: [{ role: opts.role ?? Role.Resident, scopeNodeId: communityId }],
  });
  if (opts.wechat !== false) await linkWechat(t, user);
  return user;
}

/** A 1×1 PNG, as a member's phone would upload it. */
export const TINY_PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1a3b0b50000000049454e44ae426082',
  'hex',
);
