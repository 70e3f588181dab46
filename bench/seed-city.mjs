// Seeds a city at the scale of seed 003 (南通): 26,000 members, 39 streets, 349 communities,
// 225 work units, 16,500 tasks and 47,000 claims, with bulk multi-row inserts.
import { createRequire } from 'node:module';
import mysql from 'mysql2/promise';
import { API_DIST, toDbDate } from './lib.mjs';

const require = createRequire(import.meta.url);

export const SCALE = {
  streets: 39,
  communities: 349,
  units: 225,
  members: 26_000,
  tasks: 16_500,
  claims: 47_000,
  openShare: 0.2,
};

async function insertMany(conn, table, columns, rows, chunk = 1000) {
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    await conn.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`, [part]);
  }
}

/** Deterministic pseudo-random numbers, so every run seeds the same city. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function seedCity(url, fieldKeyHex, scale = SCALE) {
  const { FieldCipher } = require(`${API_DIST}/platform/crypto/field-cipher.js`);
  const cipher = new FieldCipher(Buffer.from(fieldKeyHex, 'hex'));
  const rand = rng(3);
  const conn = await mysql.createConnection({ uri: url, timezone: 'Z', multipleStatements: false });
  const now = new Date();
  const ts = toDbDate(now);
  let nextId = 1;
  const nodes = [];
  const node = (type, name, parent, code = null) => {
    const id = nextId++;
    const path = `${parent ? parent.path : '/'}${id}/`;
    const n = { id, type, name, path, parentId: parent?.id ?? null, depth: parent ? parent.depth + 1 : 0, code };
    nodes.push(n);
    return n;
  };
  const district = node('district', '南通市', null, 'D-NT');
  const streets = Array.from({ length: scale.streets }, (_, i) => node('street', `第${i + 1}街道`, district));
  const communities = Array.from({ length: scale.communities }, (_, i) =>
    node('community', `第${i + 1}社区`, streets[i % streets.length], `C${String(i + 1).padStart(4, '0')}`),
  );
  const parts = communities.map((c) => {
    const grid = node('grid', `${c.name}网格`, c);
    return {
      grid,
      building: node('building', `${c.name}1号楼`, grid),
      branch: node('functional_branch', `${c.name}功能型党支部`, c),
    };
  });
  const units = Array.from({ length: scale.units }, (_, i) => node('work_unit', `单位${i + 1}`, district));
  await insertMany(
    conn,
    'org_nodes',
    ['id', 'type', 'name', 'code', 'parent_id', 'path', 'depth', 'created_at', 'updated_at'],
    nodes.map((n) => [n.id, n.type, n.name, n.code, n.parentId, n.path, n.depth, ts, ts]),
  );
  const positions = [];
  let posId = 1;
  const posOf = new Map();
  for (const c of communities) {
    const ids = [];
    for (const [i, name] of [
      '政策宣传',
      '法律援助',
      '帮扶助困',
      '文明劝导',
      '环境整治',
      '治安巡逻',
      '文体活动',
      '医疗健康',
    ].entries()) {
      positions.push([posId, c.id, `p${i}`, name, 1, i, ts]);
      ids.push(posId++);
    }
    posOf.set(c.id, ids);
  }
  await insertMany(
    conn,
    'positions',
    ['id', 'community_id', 'code', 'name', 'active', 'sort_order', 'created_at'],
    positions,
  );

  // Members: a user, a member role and an approved registration each.
  const users = [];
  const roles = [];
  const regs = [];
  const regPositions = [];
  const memberCommunity = [];
  for (let i = 1; i <= scale.members; i++) {
    const c = communities[i % communities.length];
    const phone = `139${String(i).padStart(8, '0')}`;
    const enc = cipher.encrypt(phone);
    users.push([i, `党员${i}`, enc, cipher.hash(phone), null, 0, '2026-11', ts, ts, ts]);
    roles.push([i, 'member', c.id, ts]);
    const unit = units[i % units.length];
    const part = parts[communities.indexOf(c)];
    regs.push([
      i,
      i,
      c.id,
      'approved',
      `党员${i}`,
      enc,
      cipher.hash(phone),
      unit.id,
      unit.name,
      `${unit.name}党委`,
      part.building.id,
      '1单元101',
      '[]',
      '[{"weekday":6,"period":"morning"}]',
      part.branch.id,
      part.grid.id,
      '2026-11',
      ts,
      ts,
      ts,
    ]);
    regPositions.push([i, posOf.get(c.id)[i % 8]]);
    memberCommunity.push(c);
  }
  await insertMany(
    conn,
    'users',
    [
      'id',
      'name',
      'phone_enc',
      'phone_hash',
      'password_hash',
      'failed_login_count',
      'consent_version',
      'consent_at',
      'created_at',
      'updated_at',
    ],
    users,
  );
  await insertMany(conn, 'user_roles', ['user_id', 'role', 'scope_node_id', 'created_at'], roles);
  await insertMany(
    conn,
    'registrations',
    [
      'id',
      'user_id',
      'community_id',
      'status',
      'name',
      'phone_enc',
      'phone_hash',
      'work_unit_id',
      'work_unit_name',
      'unit_party_org_name',
      'building_id',
      'residence_detail',
      'skills',
      'free_time',
      'branch_id',
      'grid_id',
      'consent_version',
      'approved_at',
      'submitted_at',
      'updated_at',
    ],
    regs,
  );
  await insertMany(conn, 'registration_positions', ['registration_id', 'position_id'], regPositions);

  // Tasks: 20% open in the next 30 days, the rest completed in the past year.
  const tasks = [];
  const taskPositions = [];
  const kinds = ['micro', 'micro', 'micro', 'project', 'activity'];
  const openTasks = [];
  for (let i = 1; i <= scale.tasks; i++) {
    const c = communities[i % communities.length];
    const open = rand() < scale.openShare;
    const start = open
      ? new Date(now.getTime() + (1 + Math.floor(rand() * 30 * 24)) * 3600_000)
      : new Date(now.getTime() - (1 + Math.floor(rand() * 365 * 24)) * 3600_000);
    const end = new Date(start.getTime() + 2 * 3600_000);
    const capacity = 2 + Math.floor(rand() * 8);
    tasks.push([
      i,
      c.id,
      c.parentId,
      kinds[i % kinds.length],
      'individuals',
      `服务任务${i}`,
      '为居民提供服务',
      open ? 'published' : 'closed',
      capacity,
      0,
      1,
      toDbDate(start),
      toDbDate(end),
      toDbDate(start),
      120,
      c.name,
      500,
      10,
      5,
      100,
      '[]',
      'bench-secret-0000000000000000000000',
      1,
      open ? ts : toDbDate(start),
      ts,
      ts,
    ]);
    if (i % 3 === 0) taskPositions.push([i, posOf.get(c.id)[i % 8]]);
    if (open) openTasks.push({ id: i, capacity, community: c });
  }
  await insertMany(
    conn,
    'tasks',
    [
      'id',
      'community_id',
      'street_id',
      'kind',
      'target',
      'title',
      'description',
      'status',
      'capacity',
      'claimed_count',
      'waitlist',
      'starts_at',
      'ends_at',
      'claim_deadline',
      'withdraw_cutoff_minutes',
      'place',
      'checkin_radius_m',
      'points_per_hour',
      'points_minimum',
      'points_max',
      'required_skills',
      'checkin_secret',
      'created_by_id',
      'published_at',
      'created_at',
      'updated_at',
    ],
    tasks,
  );
  await insertMany(conn, 'task_positions', ['task_id', 'position_id'], taskPositions);

  // Claims: members claim tasks of their own community; past ones are verified.
  const byCommunity = new Map();
  for (let i = 0; i < memberCommunity.length; i++) {
    const list = byCommunity.get(memberCommunity[i].id) ?? [];
    list.push(i + 1);
    byCommunity.set(memberCommunity[i].id, list);
  }
  const claims = [];
  const taken = new Map();
  const seen = new Set();
  let claimId = 1;
  let guard = 0;
  while (claims.length < scale.claims && guard++ < scale.claims * 5) {
    const t = tasks[Math.floor(rand() * tasks.length)];
    const [taskId, communityId, , , , , , status, capacity, , , start, end] = t;
    const members = byCommunity.get(communityId);
    const member = members[Math.floor(rand() * members.length)];
    const key = `${taskId}:${member}`;
    if (seen.has(key)) continue;
    const open = status === 'published';
    if ((taken.get(taskId) ?? 0) >= capacity) continue;
    seen.add(key);
    taken.set(taskId, (taken.get(taskId) ?? 0) + 1);
    claims.push([
      claimId++,
      taskId,
      member,
      member,
      member,
      open ? 'claimed' : 'verified',
      start,
      end,
      open ? null : start,
      open ? null : end,
      open ? 0 : 4,
      open ? ts : start,
      ts,
    ]);
  }
  await insertMany(
    conn,
    'claims',
    [
      'id',
      'task_id',
      'member_user_id',
      'registration_id',
      'claimed_by_id',
      'status',
      'starts_at',
      'ends_at',
      'checked_in_at',
      'checked_out_at',
      'credit_half_hours',
      'claimed_at',
      'updated_at',
    ],
    claims,
  );
  await conn.query(
    "UPDATE tasks t SET claimed_count = (SELECT COUNT(*) FROM claims c WHERE c.task_id = t.id AND c.status IN ('claimed','checked_in','checked_out','verified'))",
  );
  await conn.query('ANALYZE TABLE tasks, claims, registrations, users, user_roles, org_nodes, task_positions');
  await conn.end();
  return {
    communities,
    streets,
    openTasks,
    byCommunity,
    counts: {
      members: users.length,
      communities: communities.length,
      streets: streets.length,
      units: units.length,
      tasks: tasks.length,
      claims: claims.length,
    },
  };
}
