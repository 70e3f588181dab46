/**
 * The definitions of every figure (DOMAIN §7), as implemented: shown in the API docs and written
 * into the statistics report. Periods are whole Asia/Shanghai days, `from` and `to` included.
 */
export const METRIC_DEFINITIONS = {
  registrationRate:
    '报到率 = 名册中已报到人数 ÷ 名册人数。名册人数：单位为本单位名册的条目数，区为区内所有单位名册的条目数；已报到：同一手机号（密钥散列比对）且同一姓名的报到记录已审核通过。不在任何名册上的党员既不计入分子也不计入分母。社区和街道没有自己的名册，不统计报到率（返回 null，并说明“报到率按单位和区统计”）。报到率反映当前状态，与统计周期无关。',
  serviceRate:
    '服务率 = 有服务的党员 ÷ 已报到党员。已报到党员：报到已审核通过、且报到社区在本组织范围内（单位：报到时填写本单位）的党员，按当前状态统计；有服务的党员：其中在统计周期内至少有一次服务被核验（按核验时间），服务地点不限。',
  hours:
    '服务时长 = 统计周期内核验的服务（按核验时间）的核验时长之和，单位小时。社区、街道、区：服务任务属于本范围内的社区；单位：本单位已报到党员的服务。补录时长按补录时间单独统计，不计入服务时长。',
  satisfaction:
    '满意率 = 评分 ≥ 4 的评价数 ÷ 全部评价数，按评价时间统计周期内的评价；包括居民对点单服务的评价和社区对党员服务的评价，并分别给出。社区、街道、区：被评价的任务属于本范围；单位：社区对本单位党员服务的评价。',
  needClosure:
    '点单办结率 = 统计周期内受理（按受理时间）的点单中已办结的数量 ÷ 受理数量；受理用时为提出到受理，办结用时为受理到办结（仅已办结），给出中位数（偶数个时取中间两数的平均）和平均数，单位小时。仅社区、街道、区。',
  tasks: '任务 = 统计周期内创建的任务，按类型（微服务、实项目、大活动、应急）和当前状态分别计数。仅社区、街道、区。',
  topMembers:
    '服务之星 = 范围内已报到党员按统计周期内核验服务时长从高到低的前10名（时长相同按服务次数，再按用户编号从大到小）。',
  series:
    '趋势 = 按周（周一至周日）或按月（北京时间）分段的服务次数、服务时长、评价数和满意率，首尾两段按统计周期截取。',
} as const;

/** The description of the statistics endpoint in the API docs. */
export const STATS_DOC = [
  'Statistics of a community, street, district or work unit for a period (from/to: Asia/Shanghai days, both included; default: this calendar year).',
  'Who may read: community, street, district and platform admins for nodes in their subtree (a street admin only its own communities); for a unit, its unit admin, the district and the platform admins.',
  'Definitions (口径):',
  ...Object.values(METRIC_DEFINITIONS).map((d) => `• ${d}`),
  'A whole district is read from pre-aggregated tables kept exactly equal to these definitions (refreshed from the changes since the last read before every answer); 服务率 and 服务之星 of a district over a period other than one calendar year are computed from the source tables and take longer.',
].join('\n\n');
