/**
 * What the loop-*.e2e.spec.ts files share. They tell one story in order (loop-1 the service loop,
 * loop-2 the call-up and the branch waitlist, loop-3 the statistics, loop-4 长辈版), against one
 * API started by loop-global.ts, each file with its own browser and phones (logged in again). The
 * ids created on the way, the screenshot count and the first failed step pass from file to file
 * in a small JSON state file; after a failure every later step, in any file, is reported as
 * skipped at once (no timeouts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, login, phone, setShotCount, shotCount } from './harness';

export const RESIDENT = '13800000008';
export const ADMIN = '13800000004';
export const MEMBER = '13800000006';
export const MEMBER_NAME = '张建国';
export const SECRETARY = '13800000007';
export const UNIT_ADMIN = '13800000005';
export const TASK2_TITLE = '社区政策宣讲';
export const NEED_TITLE = '3号楼楼道灯坏了';

export interface LoopState {
  needId?: number;
  taskId?: number;
  task2Id?: number;
  shotNo?: number;
  /** The first step that failed. */
  broken?: string;
}

export interface SharedApi {
  baseUrl: string;
  sqlitePath: string;
}

function stateFile(): string {
  const file = process.env.SBD_E2E_STATE;
  if (!file) throw new Error('no shared API: run the e2e specs with jest -c jest.e2e.config.js');
  return file;
}

export function readState(): LoopState {
  return JSON.parse(readFileSync(stateFile(), 'utf8')) as LoopState;
}

export function saveState(patch: LoopState): void {
  writeFileSync(stateFile(), JSON.stringify({ ...readState(), ...patch }));
}

/** The API of the whole run (see loop-global.ts). */
export function sharedApi(): SharedApi {
  const baseUrl = process.env.SBD_E2E_API_URL;
  const sqlitePath = process.env.SBD_E2E_SQLITE;
  if (!baseUrl || !sqlitePath) throw new Error('no shared API: run the e2e specs with jest -c jest.e2e.config.js');
  return { baseUrl, sqlitePath };
}

/** Ids an earlier loop file created; fails plainly when that file did not run first. */
export function earlier<K extends 'needId' | 'taskId' | 'task2Id'>(key: K): number {
  const value = readState()[key];
  if (!value) throw new Error(`${key} is not set: run the loop-*.e2e.spec.ts files together, in order`);
  return value;
}

/** Steps run in order; after a failure (here or in an earlier file) the rest fail at once. */
export function step(name: string, fn: () => Promise<void>, timeout = 90_000): void {
  it(
    name,
    async () => {
      const { broken } = readState();
      if (broken) throw new Error(`not run: an earlier step failed (${broken})`);
      try {
        await fn();
      } catch (err) {
        saveState({ broken: name });
        throw err;
      }
    },
    timeout,
  );
}

export interface World {
  api: SharedApi;
  browser: Browser;
  contexts: BrowserContext[];
  pageErrors: string[];
  /** A new phone (browser context) for `who`; uncaught page errors are collected. */
  newPhone(who: string, elderly?: boolean): Promise<Page>;
  /** A new phone, logged in as `phoneNo`. */
  loggedIn(who: string, phoneNo: string): Promise<Page>;
}

/** This file's browser (launched before its steps, closed after them) on the shared API. */
export function loopWorld(): World {
  const world: World = {
    api: sharedApi(),
    browser: undefined as unknown as Browser,
    contexts: [],
    pageErrors: [],
    async newPhone(who, elderly = false) {
      const context = await phone(world.browser, { elderly });
      world.contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (e) => world.pageErrors.push(`${who}: ${e.message}`));
      page.setDefaultTimeout(20_000);
      return page;
    },
    async loggedIn(who, phoneNo) {
      const page = await world.newPhone(who);
      await login(page, world.api.baseUrl, phoneNo);
      return page;
    },
  };
  beforeAll(async () => {
    setShotCount(readState().shotNo ?? 0);
    world.browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    saveState({ shotNo: shotCount() });
    for (const c of world.contexts) await c.close().catch(() => undefined);
    await world.browser?.close().catch(() => undefined);
  }, 30_000);
  return world;
}

/** The last step of each loop file. */
export function noPageErrors(world: World): void {
  step('no page threw an uncaught error', async () => {
    expect(world.pageErrors).toEqual([]);
  });
}
