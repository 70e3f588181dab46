/**
 * The pop-ups of the H5 build in 长辈版 (and the dialog in 标准版): the confirm dialog, the toast and
 * the pickers (a list and a date) are the app's own (platform/overlays), drawn inside the page:
 * text ≥ 18 px (computed), buttons and options ≥ 60 px tall and wide (bounding boxes), and axe-core
 * (colour contrast ≥ 4.5:1 among its rules) finds no critical or serious violation while each is
 * open. Nothing is changed: the dialog is cancelled, the picked values are never submitted.
 */
import type { Locator, Page } from 'playwright-core';
import { PAGES } from '@sbd/contracts';
import { login, shot } from './harness';
import { RESIDENT, loopWorld } from './loop-world';
import { describeViolations, seriousViolations, settled } from './a11y-axe';

const w = loopWorld();
const api = w.api;

/** Text inside `box` smaller than `px`, and controls (buttons, radios) smaller than `tap`. */
async function sizeProblems(box: Locator, px: number, tap: number): Promise<string[]> {
  return box.evaluate(
    (root, [minText, minTap]) => {
      const out: string[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let texts = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent?.trim();
        const parent = n.parentElement;
        if (!text || !parent || parent.getClientRects().length === 0) continue;
        texts += 1;
        const size = parseFloat(getComputedStyle(parent).fontSize);
        if (size < minText - 0.01) out.push(`text ${size}px < ${minText}px: ${text.slice(0, 30)}`);
      }
      if (!texts) out.push('no text');
      for (const el of Array.from(root.querySelectorAll('[role=button],[role=radio]'))) {
        const r = el.getBoundingClientRect();
        if (r.height < minTap - 0.5 || r.width < minTap - 0.5)
          out.push(`${Math.round(r.width)}×${Math.round(r.height)} < ${minTap}: ${el.textContent?.slice(0, 30)}`);
      }
      return out;
    },
    [px, tap] as const,
  );
}

async function noSeriousViolations(page: Page, where: string): Promise<void> {
  const violations = await seriousViolations(page);
  if (violations.length) throw new Error(describeViolations(where, violations));
}

let resident: Page;

describe('长辈版 pop-ups (H5, 375 px)', () => {
  beforeAll(async () => {
    resident = await w.newPhone('elderly resident', true);
    await login(resident, api.baseUrl, RESIDENT);
  }, 60_000);

  it('the confirm dialog: 18-px text, 60-px buttons, no axe violation; 取消 keeps the user logged in', async () => {
    await resident.goto(`${api.baseUrl}${PAGES.me}`);
    await settled(resident, true);
    await resident.getByRole('button', { name: '退出登录' }).click();
    const dialog = resident.getByRole('alertdialog', { name: '退出登录' });
    await dialog.waitFor();
    await dialog.getByText('确定退出当前账号吗？').waitFor();
    expect(await sizeProblems(dialog, 18, 60)).toEqual([]);
    expect(await dialog.getByRole('button').count()).toBe(2);
    await noSeriousViolations(resident, 'confirm dialog');
    await shot(resident, 'a11y-popup-elderly-dialog');

    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached' });
    await resident.getByRole('button', { name: '退出登录' }).waitFor();
  });

  it('the toast: 18-px text, announced as a status, no axe violation', async () => {
    // On 我的, 长辈版 off and on again: the second toast says so, in 长辈版.
    const toggle = resident.getByRole('switch', { name: /长辈版/ });
    await toggle.click();
    await resident.locator('.sbd-page:not(.sbd-elderly)').waitFor();
    await toggle.click();
    await resident.locator('.sbd-page.sbd-elderly').waitFor();
    const toast = resident.getByRole('status').filter({ hasText: '已切换到长辈版' });
    await toast.waitFor();
    expect(await sizeProblems(toast, 18, 60)).toEqual([]);
    await noSeriousViolations(resident, 'toast');
    await shot(resident, 'a11y-popup-elderly-toast');
    await toast.waitFor({ state: 'detached', timeout: 5000 });
  });

  it('the list picker: a sheet of 60-px options with 18-px text; picking one shows it', async () => {
    await resident.goto(`${api.baseUrl}${PAGES.postNeed}`);
    await settled(resident, true);
    await resident.getByRole('button', { name: /^小区\/楼栋：/ }).click();
    const sheet = resident.getByRole('dialog', { name: '选择小区/楼栋' });
    await sheet.waitFor();
    const options = sheet.getByRole('radio');
    expect(await options.count()).toBeGreaterThan(1);
    expect(await sizeProblems(sheet, 18, 60)).toEqual([]);
    await noSeriousViolations(resident, 'list picker');
    await shot(resident, 'a11y-popup-elderly-select');

    const second = ((await options.nth(1).textContent()) ?? '').trim();
    await options.nth(1).click();
    await sheet.waitFor({ state: 'detached' });
    await resident.getByRole('button', { name: `小区/楼栋：${second}` }).waitFor();
  });

  it('the date picker: 60-px − / + buttons and 18-px text; 确定 writes the date', async () => {
    await resident.getByRole('radio', { name: '选日期' }).click();
    await resident.getByRole('button', { name: '日期：请选择' }).click();
    const sheet = resident.getByRole('dialog', { name: '选择日期' });
    await sheet.waitFor();
    expect(await sizeProblems(sheet, 18, 60)).toEqual([]);
    await noSeriousViolations(resident, 'date picker');
    await shot(resident, 'a11y-popup-elderly-date');

    await sheet.getByRole('button', { name: '增加年' }).click();
    const ok = sheet.getByRole('button', { name: /^确定：\d{4}-\d{2}-\d{2}$/ });
    const picked = ((await ok.textContent()) ?? '').replace('确定：', '').trim();
    expect(Number(picked.slice(0, 4))).toBe(new Date().getFullYear() + 1);
    await ok.click();
    await sheet.waitFor({ state: 'detached' });
    await resident.getByRole('button', { name: `日期：${picked}` }).waitFor();
  });
});

describe('标准版 pop-ups', () => {
  it('the confirm dialog keeps ≥ 14-px text and 44-px buttons', async () => {
    const page = await w.newPhone('standard resident');
    await login(page, api.baseUrl, RESIDENT);
    await page.goto(`${api.baseUrl}${PAGES.me}`);
    await settled(page, false);
    await page.getByRole('button', { name: '退出登录' }).click();
    const dialog = page.getByRole('alertdialog', { name: '退出登录' });
    await dialog.waitFor();
    expect(await sizeProblems(dialog, 14, 44)).toEqual([]);
    await noSeriousViolations(page, 'confirm dialog (标准版)');
    await shot(page, 'a11y-popup-standard-dialog');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('no page threw an uncaught error', () => {
    expect(w.pageErrors).toEqual([]);
  });
});
