/**
 * How specs move a task through time: the API reads the real clock, so instead of the clock the
 * task's stored times move (and its claims' with them), as if the clock had moved on.
 */
import { fromDbDate, toDbDate } from '../../src/platform/database/sql';
import type { TestApp } from './test-app';

const TASK_TIMES = ['starts_at', 'ends_at', 'claim_deadline', 'priority_until', 'published_at'] as const;
const CLAIM_TIMES = [
  'starts_at',
  'ends_at',
  'claimed_at',
  'checked_in_at',
  'checked_out_at',
  'hold_expires_at',
  'verified_at',
] as const;

/** Every stored time of the task and its claims moves `ms` milliseconds into the past. */
export async function timePasses(t: TestApp, taskId: number, ms: number): Promise<void> {
  const shift = async (table: 'tasks' | 'claims', key: 'id' | 'task_id', columns: readonly string[]) => {
    const rows: Record<string, unknown>[] = await t.ds.query(
      `SELECT id, ${columns.join(', ')} FROM ${table} WHERE ${key} = ?`,
      [taskId],
    );
    for (const row of rows) {
      const values = columns.map((c) => {
        const d = fromDbDate(row[c]);
        return d ? toDbDate(new Date(d.getTime() - ms)) : null;
      });
      await t.ds.query(`UPDATE ${table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`, [
        ...values,
        row.id,
      ]);
    }
  };
  await shift('tasks', 'id', TASK_TIMES);
  await shift('claims', 'task_id', CLAIM_TIMES);
}

/** The task's service is over: time passes until it ended a minute ago. */
export async function serviceEnds(t: TestApp, taskId: number): Promise<void> {
  const [row] = await t.ds.query('SELECT ends_at FROM tasks WHERE id = ?', [taskId]);
  const endsAt = fromDbDate(row.ends_at)!.getTime();
  await timePasses(t, taskId, Math.max(0, endsAt - Date.now()) + 60_000);
}

/** Moves a task (and its claims' copies of its window) so that it started `minutesAgo` minutes ago. */
export async function startedAgo(t: TestApp, taskId: number, minutesAgo: number, lengthMinutes = 180): Promise<void> {
  const start = new Date(Date.now() - minutesAgo * 60_000);
  const end = new Date(start.getTime() + lengthMinutes * 60_000);
  await t.ds.query('UPDATE tasks SET starts_at = ?, ends_at = ?, claim_deadline = ? WHERE id = ?', [
    toDbDate(start),
    toDbDate(end),
    toDbDate(end),
    taskId,
  ]);
  await t.ds.query('UPDATE claims SET starts_at = ?, ends_at = ? WHERE task_id = ?', [
    toDbDate(start),
    toDbDate(end),
    taskId,
  ]);
}
