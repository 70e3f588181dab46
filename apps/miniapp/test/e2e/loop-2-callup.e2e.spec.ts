/**
 * The service loop, continued (after loop-1, on the same API): an emergency call-up answered 能到
 * and grouped; a branch secretary (13800000007) claims a one-slot task for the branch, the member
 * joins the waitlist, the secretary withdraws, the member is promoted, sees the hold countdown and
 * confirms.
 */
import type { Page } from 'playwright-core';
import { confirmModal, login, shot } from './harness';
import {
  ADMIN,
  MEMBER,
  MEMBER_NAME,
  SECRETARY,
  TASK2_TITLE,
  earlier,
  loopWorld,
  noPageErrors,
  saveState,
  step,
} from './loop-world';

const w = loopWorld();
const api = w.api;
let admin: Page;
let member: Page;
let secretary: Page;

beforeAll(async () => {
  earlier('taskId');
  admin = await w.loggedIn('admin', ADMIN);
  member = await w.loggedIn('member', MEMBER);
}, 120_000);

describe('应急召集 and the branch waitlist in the browser (H5, 375 px)', () => {
  step('应急召集: the admin calls members up, the member answers 能到, the admin groups the responders', async () => {
    await admin.goto(`${api.baseUrl}/packageAdmin/pages/callup/index`);
    await admin.getByLabel('召集事由').fill('暴雨防汛应急集结');
    await admin.getByLabel('任务说明').locator('textarea').fill('转移低洼处车辆，清理3号楼地下室积水，请穿雨靴。');
    await admin.getByLabel('集合地点').fill('桃园社区党群服务中心');
    await admin.getByRole('button', { name: '一键召集' }).click();
    await confirmModal(admin);
    await admin.getByText(/已通知 2 人，未回复 2 人/).waitFor();
    await shot(admin, 'admin-callup-created', { full: true });

    await member.goto(`${api.baseUrl}/packageMember/pages/callup/index`);
    await member.getByText('暴雨防汛应急集结').waitFor();
    await member.getByRole('button', { name: '能到', exact: true }).click();
    await member.getByText('您的回复：能到（约30分钟到达）').waitFor();
    // The arrival time comes back from the API after a reload.
    await member.reload();
    await member.getByText('您的回复：能到（约30分钟到达）').waitFor();
    await shot(member, 'member-callup-answered', { full: true });

    // The staff list comes from the API (GET /api/callups?scopeNodeId=), not from this phone.
    await admin.reload();
    await admin.getByText('本社区的召集').waitFor();
    await admin.getByText(/已通知 2 人，未回复 1 人/).waitFor();
    await admin.getByRole('button', { name: '按回复编组' }).click();
    await admin.getByText(`第1组：${MEMBER_NAME}（组长）`).waitFor();
    await shot(admin, 'admin-callup-grouped', { full: true });
  });

  step('支部书记 claims a one-slot task for the branch; the member joins the waitlist', async () => {
    await admin.goto(`${api.baseUrl}/packageAdmin/pages/publish/index`);
    await admin.getByLabel('任务名称').fill(TASK2_TITLE);
    await admin.getByLabel('服务内容').locator('textarea').fill('向居民讲解医保、养老新政策，发放宣传册。');
    await admin.getByLabel('服务地点').fill('桃园社区党群服务中心二楼');
    await admin.getByRole('radio', { name: '明天 09:00' }).click();
    await admin.getByRole('button', { name: '减少名额' }).click();
    await admin.getByLabel('名额：1人').waitFor();
    await admin.getByRole('button', { name: '发布任务', exact: true }).click();
    await admin.waitForURL(/\/packageAdmin\/pages\/task\/index\?id=\d+/);
    saveState({ task2Id: Number(new URL(admin.url()).searchParams.get('id')) });

    secretary = await w.newPhone('secretary');
    await login(secretary, api.baseUrl, SECRETARY);
    await secretary.getByRole('button', { name: /^支部报名/ }).click();
    await secretary.getByRole('button', { name: `${TASK2_TITLE}，点按查看详情并报名` }).click();
    await secretary.getByRole('button', { name: '为支部报名并指派党员' }).click();
    await secretary.getByRole('checkbox', { name: '周海燕（本人）' }).click();
    await secretary.getByRole('button', { name: '为支部报名（1人）' }).click();
    await secretary.getByText('报名结果').waitFor();
    await shot(secretary, 'secretary-branch-claimed', { full: true });

    await member.goto(`${api.baseUrl}/packageMember/pages/task/index?id=${earlier('task2Id')}`);
    await member.getByRole('button', { name: '加入候补' }).click();
    await member.getByText('候补第 1 位').waitFor();
    await shot(member, 'member-waitlisted', { full: true });
  });

  step('the secretary withdraws: the member is promoted, sees the hold countdown and confirms', async () => {
    await secretary.goto(`${api.baseUrl}/packageMember/pages/claims/index`);
    await secretary.getByRole('button', { name: '退出报名' }).click();
    await confirmModal(secretary);
    await secretary.getByText('没有进行中的报名').waitFor();

    await member.goto(`${api.baseUrl}/packageMember/pages/claims/index`);
    await member.getByText(/^剩余 1小时5\d分$/).waitFor();
    await shot(member, 'member-hold-countdown', { full: true });
    await member.getByRole('button', { name: '确认参加' }).click();
    await member.getByText('已报名，请按时到场签到').waitFor();
    await member.getByText(/开始前30分钟起可签到/).waitFor();
    await shot(member, 'member-hold-confirmed', { full: true });
  });

  noPageErrors(w);
});
