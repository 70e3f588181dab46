import { join } from 'node:path';
import { consoleInChromium, SHOTS_DIR } from './console-api';
import { apiGet, apiLogin } from './screen-service';

// better-sqlite3 is installed for the API; no type package in the workspace.
interface SqliteDb {
  prepare(sql: string): { run(...params: unknown[]): { changes: number } };
  close(): void;
}
const Database = require('better-sqlite3') as new (file: string) => SqliteDb;
const dbDate = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

const INVITEE = '13800000006';

/** A district admin reads the org tree and a street's staff, appoints by phone and removes. */
describe('the org tree with staff in Chromium', () => {
  const c = consoleInChromium();
  const grants = () => c.page.locator('.ant-table').first().locator('tbody tr');

  it('shows the district’s tree and the street admin of 和平桥街道 with role, term and who granted it', async () => {
    await c.signIn('13800000002');
    await c.page.getByRole('menuitem', { name: '组织与人员' }).click();
    await c.page.getByText('人员 · 崇川区').waitFor();
    await grants().filter({ hasText: '区管理员王敏' }).filter({ hasText: '区管理员' }).waitFor();
    await c.page.getByRole('tree').locator('.ant-tree-switcher').first().click();
    await c.page
      .getByRole('treeitem', { name: /和平桥街道/ })
      .getByText('和平桥街道（街道）')
      .click();
    await c.page.getByText('人员 · 和平桥街道').waitFor();
    const lee = grants().filter({ hasText: '街道管理员李强' });
    await lee.filter({ hasText: '街道管理员' }).filter({ hasText: '长期' }).waitFor();
    expect(await lee.textContent()).toContain('138****0003');
  });

  it('refuses to remove the last street admin, in Chinese', async () => {
    await c.page.getByRole('button', { name: '移除 街道管理员李强' }).click();
    await c.page
      .getByRole('button', { name: '移 除' })
      .or(c.page.getByRole('button', { name: '移除', exact: true }))
      .click();
    await c.page.locator('.ant-message-error').waitFor();
    expect(await c.page.locator('.ant-message-error').textContent()).toMatch(/[\u4e00-\u9fa5]/);
    await grants().filter({ hasText: '街道管理员李强' }).waitFor();
  });

  it('invites by phone for a term; once accepted the grant shows who granted it, and it can be removed', async () => {
    await c.page.getByLabel('手机号').fill(INVITEE);
    await c.page.getByLabel('任期至').fill('2027-06-30');
    await c.page.getByLabel('任期至').press('Enter');
    await c.page.getByRole('button', { name: /发出邀请/ }).click();
    const invitations = c.page.locator('.staff-invitations tbody tr');
    await invitations.filter({ hasText: '138****0006' }).filter({ hasText: '待确认' }).waitFor();
    await c.page.screenshot({ path: join(SHOTS_DIR, 'console-org-invited.png') });

    // The invitee proves the number (as WeChat's phone button would) and accepts in the app.
    const db = new Database(c.api.sqlitePath);
    try {
      const now = new Date();
      db.prepare(
        `INSERT INTO phone_verifications (user_id, phone_hash, method, verified_at, expires_at)
         SELECT id, phone_hash, 'sms', ?, ? FROM users WHERE name = '张建国'`,
      ).run(dbDate(now), dbDate(new Date(now.getTime() + 30 * 60_000)));
    } finally {
      db.close();
    }
    const invitee = await apiLogin(c, INVITEE);
    const [inv] = await apiGet<{ id: number }[]>(c, '/api/role-invitations', invitee.token);
    await c.post(`/api/role-invitations/${inv.id}/accept`, {}, invitee.token);

    await c.page
      .getByRole('treeitem', { name: /城东街道/ })
      .getByText('城东街道（街道）')
      .click();
    await c.page.getByText('人员 · 城东街道').waitFor();
    await c.page
      .getByRole('treeitem', { name: /和平桥街道/ })
      .getByText('和平桥街道（街道）')
      .click();
    const zhang = grants().filter({ hasText: '张建国' });
    await zhang.filter({ hasText: '区管理员王敏' }).filter({ hasText: '2027/6/30' }).waitFor();
    await c.page.screenshot({ path: join(SHOTS_DIR, 'console-org-staff.png') });

    await c.page.getByRole('button', { name: '移除 张建国' }).click();
    await c.page
      .getByRole('button', { name: '移 除' })
      .or(c.page.getByRole('button', { name: '移除', exact: true }))
      .click();
    await c.page.locator('.ant-message-success').filter({ hasText: '已移除 张建国' }).waitFor();
    await zhang.waitFor({ state: 'detached' });
    expect(c.errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  });

  it('withdraws an invitation sent to a wrong number', async () => {
    await c.page.getByLabel('手机号').fill('13900001234');
    await c.page.getByRole('button', { name: /发出邀请/ }).click();
    const wrong = c.page.locator('.staff-invitations tbody tr').filter({ hasText: '139****1234' });
    await wrong.filter({ hasText: '待确认' }).waitFor();
    await c.page.getByRole('button', { name: '撤销邀请 139****1234' }).click();
    await c.page
      .getByRole('button', { name: '撤 销' })
      .or(c.page.getByRole('button', { name: '撤销', exact: true }))
      .click();
    await c.page.locator('.ant-message-success').filter({ hasText: '已撤销发给 139****1234' }).waitFor();
    await wrong.waitFor({ state: 'detached' });
    expect(c.errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  });
});
