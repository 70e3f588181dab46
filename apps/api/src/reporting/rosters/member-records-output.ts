import {
  MEMBER_FLAG_LABELS,
  REGISTRATION_STATUS_LABELS,
  type AnnualReportDto,
  type MemberRecordDto,
  type RegistrationStatus,
} from '@sbd/contracts';
import { addSheet, newWorkbook, shanghaiTime, toBuffer } from '../shared/xlsx';

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
const statusLabel = (s: string | null) => (s ? (REGISTRATION_STATUS_LABELS[s as RegistrationStatus] ?? s) : '未报到');
const flagsText = (r: MemberRecordDto) => r.flags.map((f) => MEMBER_FLAG_LABELS[f]).join('、');

/** The columns of the unit's member list, on screen and in its export. */
const RECORD_COLUMNS = [
  { header: '姓名', value: (r: MemberRecordDto) => r.name },
  { header: '手机号', width: 14, value: (r: MemberRecordDto) => r.phone },
  { header: '党支部', width: 24, value: (r: MemberRecordDto) => r.partyBranch },
  { header: '职务', value: (r: MemberRecordDto) => r.position },
  { header: '在名册', value: (r: MemberRecordDto) => (r.onRoster ? '是' : '否') },
  { header: '报到状态', value: (r: MemberRecordDto) => statusLabel(r.registrationStatus) },
  { header: '报到社区', width: 20, value: (r: MemberRecordDto) => r.communityName },
  { header: '单位已确认', value: (r: MemberRecordDto) => (r.unitConfirmed ? '是' : '否') },
  { header: '年度', value: (r: MemberRecordDto) => r.year },
  { header: '服务次数', value: (r: MemberRecordDto) => r.services },
  { header: '服务时长（小时）', width: 16, value: (r: MemberRecordDto) => r.verifiedHours },
  { header: '补录时长（小时）', width: 16, value: (r: MemberRecordDto) => r.backfilledHours },
  { header: '评价数', value: (r: MemberRecordDto) => r.ratings },
  { header: '满意率', value: (r: MemberRecordDto) => pct(r.satisfaction) },
  { header: '缺席次数', value: (r: MemberRecordDto) => r.noShows },
  { header: '积分', value: (r: MemberRecordDto) => r.points },
  { header: '最近服务', width: 18, value: (r: MemberRecordDto) => shanghaiTime(r.lastServiceAt) },
  { header: '预警', width: 30, value: flagsText },
  { header: '推荐评先评优', width: 14, value: (r: MemberRecordDto) => (r.honours ? '推荐' : '') },
];

export async function memberRecordsWorkbook(unitName: string, records: MemberRecordDto[]): Promise<Buffer> {
  const wb = newWorkbook();
  addSheet(wb, '党员报回记录', RECORD_COLUMNS, records);
  wb.title = `${unitName}党员报回记录`;
  return toBuffer(wb);
}

export async function annualReportWorkbook(r: AnnualReportDto): Promise<Buffer> {
  const wb = newWorkbook();
  const m = r.record;
  const rows: [string, string | number][] = [
    ['单位', r.unitName],
    ['年度', r.year],
    ['姓名', m.name],
    ['手机号', m.phone],
    ['党支部', m.partyBranch ?? ''],
    ['职务', m.position ?? ''],
    ['报到状态', statusLabel(m.registrationStatus)],
    ['报到社区', m.communityName ?? ''],
    ['服务次数', m.services],
    ['服务时长（小时）', m.verifiedHours],
    ['补录时长（小时）', m.backfilledHours],
    ['评价数', m.ratings],
    ['满意率', pct(m.satisfaction)],
    ['缺席次数', m.noShows],
    ['本年积分', r.pointsThisYear],
    ['积分余额', m.points],
    ['预警', flagsText(m) || '无'],
    ['评先评优', m.honours ? '推荐' : '不推荐'],
    ['推荐规则', r.honoursRule],
    ['生成时间', shanghaiTime(r.generatedAt)],
  ];
  addSheet(
    wb,
    '年度报告',
    [
      { header: '项目', width: 18, value: (x: [string, string | number]) => x[0] },
      { header: '内容', width: 70, value: (x) => x[1] },
    ],
    rows,
  );
  addSheet(
    wb,
    '服务记录',
    [
      { header: '任务', width: 30, value: (s: AnnualReportDto['services'][number]) => s.taskTitle },
      { header: '社区', width: 16, value: (s) => s.communityName },
      { header: '服务时间', width: 18, value: (s) => shanghaiTime(s.startsAt) },
      { header: '核验时间', width: 18, value: (s) => shanghaiTime(s.verifiedAt) },
      { header: '时长（小时）', value: (s) => s.hours },
      { header: '社区评分', value: (s) => s.score ?? '' },
      { header: '评价', width: 40, value: (s) => s.comment ?? '' },
    ],
    r.services,
  );
  addSheet(
    wb,
    '补录',
    [
      { header: '补录时间', width: 18, value: (b: AnnualReportDto['backfills'][number]) => shanghaiTime(b.createdAt) },
      { header: '时长（小时）', value: (b) => b.hours },
      { header: '事由', width: 50, value: (b) => b.reason },
    ],
    r.backfills,
  );
  return toBuffer(wb);
}

const esc = (s: unknown) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** A printable page (A4, Chinese) for 民主评议. Every value is HTML-escaped. */
export function annualReportHtml(r: AnnualReportDto): string {
  const m = r.record;
  const facts: [string, string | number][] = [
    ['姓名', m.name],
    ['手机号', m.phone],
    ['党支部', m.partyBranch ?? '—'],
    ['职务', m.position ?? '—'],
    ['报到状态', statusLabel(m.registrationStatus)],
    ['报到社区', m.communityName ?? '—'],
    ['服务次数', m.services],
    ['服务时长', `${m.verifiedHours} 小时`],
    ['补录时长', `${m.backfilledHours} 小时（单独统计）`],
    ['满意率', `${pct(m.satisfaction)}（${m.satisfiedRatings}/${m.ratings}）`],
    ['缺席次数', m.noShows],
    ['本年积分', r.pointsThisYear],
    ['预警', flagsText(m) || '无'],
    ['评先评优', m.honours ? '推荐' : '不推荐'],
  ];
  const services = r.services.length
    ? r.services
        .map(
          (s) =>
            `<tr><td>${esc(shanghaiTime(s.startsAt).slice(0, 10))}</td><td>${esc(s.taskTitle)}</td><td>${esc(s.communityName)}</td><td class="n">${esc(s.hours)}</td><td class="n">${esc(s.score ?? '—')}</td></tr>`,
        )
        .join('\n')
    : '<tr><td colspan="5" class="empty">本年度没有核验的服务</td></tr>';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(r.year)}年度党员服务报告 - ${esc(m.name)}</title>
<style>
  body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #111; margin: 24px; line-height: 1.5; font-size: 14px; }
  h1 { font-size: 22px; text-align: center; margin: 0 0 4px; }
  .sub { text-align: center; color: #444; margin-bottom: 16px; }
  table { width: 100%; border-collapse: collapse; margin-bottom: 16px; }
  th, td { border: 1px solid #333; padding: 6px 8px; text-align: left; vertical-align: top; }
  th { background: #f2f2f2; width: 22%; font-weight: 600; }
  td.n { text-align: right; }
  td.empty { text-align: center; color: #555; }
  .rule, .sign { font-size: 12px; color: #333; }
  .sign { margin-top: 32px; display: flex; justify-content: space-between; }
  @page { size: A4; margin: 15mm; }
  @media print { body { margin: 0; } .noprint { display: none; } thead { display: table-header-group; } tr { page-break-inside: avoid; } }
</style>
</head>
<body>
<p class="noprint"><button onclick="window.print()">打印</button></p>
<h1>${esc(r.year)}年度在职党员社区服务报告</h1>
<div class="sub">${esc(r.unitName)} · 用于民主评议</div>
<table>
${facts.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('\n')}
</table>
<table>
<thead><tr><th>日期</th><th>服务任务</th><th>社区</th><th>时长（小时）</th><th>社区评分</th></tr></thead>
<tbody>
${services}
</tbody>
</table>
<p class="rule">推荐规则：${esc(r.honoursRule)}</p>
<p class="rule">服务时长以签到签退并经社区核验的记录为准；补录时长单独列示。生成时间：${esc(shanghaiTime(r.generatedAt))}（北京时间）</p>
<div class="sign"><span>单位党组织（盖章）：</span><span>日期：</span></div>
</body>
</html>
`;
}
