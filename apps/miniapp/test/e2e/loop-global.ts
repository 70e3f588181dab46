/**
 * Jest globalSetup / globalTeardown of the browser e2e run: one API (built, SQLite, demo city) for
 * the loop-*.e2e.spec.ts files, which continue one story in order. Its address, SQLite file and
 * the story's state file (ids, screenshot count, the first failed step) reach the spec files
 * through the environment.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { assertBuilt, startApi, type RunningApi } from './harness';

const KEY = '__sbdLoopApi';

export async function setup(): Promise<void> {
  assertBuilt();
  const api = await startApi();
  (globalThis as Record<string, unknown>)[KEY] = api;
  const stateFile = join(api.dataDir, 'e2e-loop-state.json');
  writeFileSync(stateFile, '{}');
  process.env.SBD_E2E_API_URL = api.baseUrl;
  process.env.SBD_E2E_SQLITE = api.sqlitePath;
  process.env.SBD_E2E_STATE = stateFile;
}

export async function teardown(): Promise<void> {
  const api = (globalThis as Record<string, unknown>)[KEY] as RunningApi | undefined;
  await api?.stop();
}
