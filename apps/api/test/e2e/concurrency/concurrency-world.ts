/**
 * Many members acting at once on one task, as a burst of real requests would: a service-loop world
 * with helpers that fire requests together and check that every answer was 2xx or a clear 4xx (never
 * a 5xx) and that the task's counters and notifications still agree with its claims.
 */
import { NotificationKind } from '@sbd/contracts';
import type { Response, Test } from 'supertest';
import { NotificationEntity } from '../../../src/messaging/notifications/entities/notification.entity';
import { createApprovedMembers, startingIn, type TestUser } from '../../support/factories';
import { expectErrorShape } from '../../support/error-shape';
import { createServiceLoopWorld, type ServiceLoopWorld } from '../tasks/service-loop-world';

export const HOUR = 3600_000;

export type ConcurrencyWorld = ServiceLoopWorld & {
  /** `n` fresh approved members of community A. */
  members: (n: number) => Promise<TestUser[]>;
  /** A published task of A starting in `hours` hours (1 h long), with the given capacity. */
  taskStartingIn: (hours: number, capacity: number, waitlist?: boolean) => Promise<{ id: number }>;
  /** Each member claims the task, all at once; every claim must succeed. */
  claimAll: (members: TestUser[], taskId: number) => Promise<{ id: number; status: string }[]>;
  /** The member withdraws their claim (POST /api/claims/:id/withdraw); the answer is the caller's to check. */
  withdraw: (member: TestUser, claimId: number) => Test;
  /** Notifications sharing a dedupe key (must be none), and the reminders still pending for the task's claims. */
  notificationsOf: (claimIds: number[]) => Promise<{ pendingReminders: number; total: number }>;
  /** How many notices of the kind were written about each of the entities (a task, claims…), in order. */
  noticesAbout: (kind: NotificationKind, entityIds: number[]) => Promise<number[]>;
};

/** Fires every request at once and waits for all of them. */
export const together = <T>(fns: (() => PromiseLike<T>)[]): Promise<T[]> => Promise.all(fns.map((f) => f()));

/** Every answer is a success or a clear refusal in the error shape: never a 5xx. */
export function expectNo5xx(results: Response[], allowed: number[] = []): void {
  const failed = results.filter((r) => r.status >= 500).map((r) => `${r.status} ${r.text.slice(0, 200)}`);
  expect(failed).toEqual([]);
  for (const r of results) {
    if (r.status >= 400) {
      expect(allowed).toContain(r.status);
      expectErrorShape(r);
    }
  }
}

export async function createConcurrencyWorld(): Promise<ConcurrencyWorld> {
  const w = await createServiceLoopWorld();
  const { t, city } = w;
  return {
    ...w,
    members: (n) => createApprovedMembers(t, city.a, n),
    taskStartingIn: async (hours, capacity, waitlist = true) =>
      w.publish({ capacity, waitlist, ...startingIn(hours * HOUR) }),
    claimAll: async (members, taskId) => {
      const results = await together(members.map((m) => () => w.claim(m, taskId)));
      expectNo5xx(results);
      for (const r of results) expect(r.status).toBe(201);
      return results.map((r) => r.body as { id: number; status: string });
    },
    withdraw: (member, claimId) => t.http().post(`/api/claims/${claimId}/withdraw`).set(member.auth).send({}),
    notificationsOf: async (claimIds) => {
      const [dupes] = await t.ds.query(
        'SELECT COUNT(*) AS n FROM (SELECT dedupe_key FROM notifications GROUP BY dedupe_key HAVING COUNT(*) > 1) d',
      );
      expect(Number(dupes.n)).toBe(0);
      const reminders = await t.ds.getRepository(NotificationEntity).findBy({ kind: NotificationKind.TaskReminder });
      const mine = reminders.filter((n) => n.payload.entityId !== null && claimIds.includes(n.payload.entityId));
      return { pendingReminders: mine.filter((n) => n.status === 'pending').length, total: mine.length };
    },
    noticesAbout: async (kind, entityIds) => {
      const rows = await t.ds.getRepository(NotificationEntity).findBy({ kind });
      return entityIds.map((id) => rows.filter((n) => n.payload.entityId === id).length);
    },
  };
}
