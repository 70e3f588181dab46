/**
 * What the screenshot run (screenshots.mjs) answers instead of the API: /api/* fixtures by path,
 * and the logged-in sessions it puts in storage. Anything else under /api/ answers 503.
 */

export const FIXTURES = {
  '/api/privacy-notice': {
    status: 200,
    body: { version: '2025-01', title: '双报到隐私政策', body: '我们仅为安排社区服务使用您的信息……' },
  },
  '/api/communities/by-code/XF01': {
    status: 200,
    body: {
      id: 7,
      code: 'XF01',
      name: '幸福社区',
      streetName: '幸福街道',
      districtName: '崇川区',
      address: '幸福路1号',
      positions: [
        { id: 11, communityId: 7, code: 'legal', name: '法律援助', description: null, active: true, sortOrder: 1 },
        { id: 12, communityId: 7, code: 'policy', name: '政策宣传', description: null, active: true, sortOrder: 2 },
        { id: 13, communityId: 7, code: 'patrol', name: '治安巡逻', description: null, active: true, sortOrder: 3 },
      ],
      buildings: [{ id: 21, name: '幸福小区3栋', gridId: 31 }],
      workUnits: [{ id: 41, name: '市财政局' }],
    },
  },
  '/api/registrations/me': { status: 404, body: { code: 'NOT_FOUND', message: '尚未报到', details: [] } },
  // 统计 (packageStats): a community's month by week, a unit, its member records and an annual report.
  '/api/stats/nodes/7': { status: 200, body: communityStats() },
  '/api/stats/nodes/9': {
    status: 200,
    body: {
      ...communityStats(),
      nodeId: 9,
      nodeType: 'work_unit',
      nodeName: '市税务局',
      registrationRate: 0.75,
      registrationRateNote: null,
      rosterEntries: 8,
      rosterRegistered: 6,
      needs: null,
      tasks: null,
    },
  },
  '/api/units/9/member-records': {
    status: 200,
    body: {
      year: 2026,
      nextCursor: null,
      items: [
        memberRecord({ honours: true }),
        memberRecord({
          key: 'e2',
          userId: null,
          registrationId: null,
          name: '王五',
          phone: '139****1234',
          registrationStatus: null,
          communityName: null,
          unitConfirmed: false,
          services: 0,
          verifiedHours: 0,
          backfilledHours: 0,
          ratings: 0,
          satisfiedRatings: 0,
          satisfaction: null,
          points: 0,
          lastServiceAt: null,
          flags: ['not_registered'],
        }),
        memberRecord({
          key: 'e3',
          userId: 4,
          name: '李红',
          satisfaction: 0.5,
          ratings: 4,
          satisfiedRatings: 2,
          noShows: 2,
          flags: ['low_satisfaction', 'negative_list'],
        }),
      ],
    },
  },
  '/api/units/9/members/3/annual-report': {
    status: 200,
    body: {
      year: 2026,
      unitId: 9,
      unitName: '市税务局',
      record: memberRecord({ honours: true }),
      services: [
        {
          claimId: 31,
          taskId: 21,
          taskTitle: '楼道灯维修',
          communityName: '幸福社区',
          startsAt: '2026-11-20T02:00:00.000Z',
          verifiedAt: '2026-11-20T06:00:00.000Z',
          hours: 2,
          score: 5,
          comment: '很及时',
        },
        {
          claimId: 32,
          taskId: 22,
          taskTitle: '社区政策宣讲',
          communityName: '幸福社区',
          startsAt: '2026-10-08T01:00:00.000Z',
          verifiedAt: '2026-10-08T05:00:00.000Z',
          hours: 3,
          score: null,
          comment: null,
        },
      ],
      backfills: [{ hours: 2, reason: '线下防汛值守', createdAt: '2026-07-02T02:00:00.000Z' }],
      pointsThisYear: 80,
      generatedAt: '2026-11-22T02:00:00.000Z',
      honoursRule: '年度核验服务时长不少于20小时、满意率不低于95%（至少3次评价）且无任何预警标记的党员，推荐评先评优',
    },
  },
};

function communityStats() {
  const week = (bucket, services, hours, ratings, satisfied) => ({
    bucket,
    from: bucket,
    to: bucket,
    services,
    hours,
    ratings,
    satisfiedRatings: satisfied,
    satisfaction: ratings ? satisfied / ratings : null,
  });
  return {
    nodeId: 7,
    nodeType: 'community',
    nodeName: '幸福社区',
    from: '2026-10-31T16:00:00.000Z',
    to: '2026-11-30T16:00:00.000Z',
    granularity: 'week',
    registrationRate: null,
    registrationRateNote: '报到率按单位和区统计',
    rosterEntries: null,
    rosterRegistered: null,
    registeredMembers: 40,
    servingMembers: 12,
    serviceRate: 0.3,
    services: 18,
    verifiedHours: 36.5,
    backfilledHours: 4,
    satisfaction: { total: 20, satisfied: 18, rate: 0.9 },
    residentSatisfaction: { total: 8, satisfied: 8, rate: 1 },
    communitySatisfaction: { total: 12, satisfied: 10, rate: 10 / 12 },
    needs: {
      accepted: 10,
      fulfilled: 7,
      closureRate: 0.7,
      hoursToAccept: { median: 3.5, mean: 5 },
      hoursToFulfil: { median: 50, mean: 60 },
    },
    tasks: {
      total: 9,
      byKind: { micro: 6, activity: 2, emergency: 1 },
      byStatus: { published: 3, completed: 5, cancelled: 1 },
    },
    topMembers: [
      { userId: 3, name: '张建国', services: 5, hours: 10 },
      { userId: 4, name: '李红', services: 3, hours: 6.5 },
      { userId: 5, name: '欧阳晓明', services: 2, hours: 4 },
    ],
    series: [
      week('2026-10-26', 0, 0, 0, 0),
      week('2026-11-02', 4, 8, 4, 4),
      week('2026-11-09', 6, 12.5, 6, 5),
      week('2026-11-16', 8, 16, 10, 9),
      week('2026-11-23', 0, 0, 0, 0),
      week('2026-11-30', 0, 0, 0, 0),
    ],
  };
}

function memberRecord(p = {}) {
  return {
    key: 'e1',
    rosterEntryId: 1,
    registrationId: 5,
    userId: 3,
    name: '张建国',
    phone: '138****0006',
    partyBranch: '第一党支部',
    position: '科员',
    onRoster: true,
    registrationStatus: 'approved',
    communityId: 7,
    communityName: '幸福社区',
    unitConfirmed: true,
    year: 2026,
    services: 5,
    verifiedHours: 10,
    backfilledHours: 2,
    ratings: 4,
    satisfiedRatings: 4,
    satisfaction: 1,
    noShows: 0,
    points: 120,
    lastServiceAt: '2026-11-20T02:00:00.000Z',
    flags: [],
    honours: false,
    ...p,
  };
}

/** A logged-in session as the app stores it (Taro H5 storage wraps values in { data }). */
export const FAKE_SESSION = {
  accessToken: 'screenshot',
  refreshToken: 'screenshot',
  accessExpiresAt: Date.now() + 3600_000,
  refreshExpiresAt: Date.now() + 86400_000,
  user: {
    id: 1,
    name: '李四',
    phone: '13912345678',
    hasWechat: false,
    roles: [{ role: 'resident', scopeNodeId: 7, scopeName: '幸福社区' }],
    consentVersion: null,
    consentAt: null,
  },
  activeRole: null,
};

/** Sessions of the staff whose pages are shot (`session: 'admin' | 'unit'`). */
export const STAFF_SESSIONS = {
  admin: {
    ...FAKE_SESSION,
    user: {
      ...FAKE_SESSION.user,
      name: '陈芳',
      roles: [{ role: 'community_admin', scopeNodeId: 7, scopeName: '幸福社区' }],
    },
  },
  unit: {
    ...FAKE_SESSION,
    user: {
      ...FAKE_SESSION.user,
      name: '刘洋',
      roles: [{ role: 'unit_admin', scopeNodeId: 9, scopeName: '市税务局' }],
    },
  },
};
