/**
 * The service loop (社区下单 → 党员接单 → 签到签退 → 核验) of two communities with their admins, and helpers
 * to publish, claim, move a task's start, read its check-in secret and check its counters against its claims.
 */
import { Role, type CreateTaskRequest, type TaskDto } from '@sbd/contracts';
import { ClaimEntity } from '../../../src/loop/claims/entities/claim.entity';
import { TaskEntity } from '../../../src/loop/tasks/entities/task.entity';
import { buildCity, aTask, createUser, type City, type TestUser } from '../../support/factories';
import { serviceEnds, startedAgo as moveStart } from '../../support/task-clock';
import { createTestApp, type TestApp } from '../../support/test-app';

export async function createServiceLoopWorld() {
  const t: TestApp = await createTestApp();
  const city: City = await buildCity(t);
  const adminA: TestUser = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
  const adminB: TestUser = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.b.id }] });

  const publish = async (overrides: Partial<CreateTaskRequest> = {}): Promise<TaskDto> =>
    (await t.http().post('/api/tasks').set(adminA.auth).send(aTask(city.a, overrides)).expect(201)).body;

  const claim = (member: TestUser, taskId: number, extra: Record<string, unknown> = {}) =>
    t
      .http()
      .post('/api/claims')
      .set(member.auth)
      .send({ taskId, ...extra });

  /** Moves a task (and its claims) so that it started `minutesAgo` minutes ago. */
  const startedAgo = (taskId: number, minutesAgo: number, lengthMinutes = 180) =>
    moveStart(t, taskId, minutesAgo, lengthMinutes);

  /** The task's service is over (it ended a minute ago), check-ins and check-outs moved with it. */
  const ended = (taskId: number) => serviceEnds(t, taskId);

  async function secretOf(taskId: number): Promise<string> {
    const row = await t.ds
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .addSelect('t.checkinSecret')
      .where('t.id = :id', { id: taskId })
      .getOneOrFail();
    return row.checkinSecret;
  }

  async function countersMatchRows(taskId: number): Promise<void> {
    const task = await t.ds.getRepository(TaskEntity).findOneByOrFail({ id: taskId });
    const holding = await t.ds.getRepository(ClaimEntity).countBy({ taskId });
    const [row] = await t.ds.query(
      "SELECT COUNT(*) AS n FROM claims WHERE task_id = ? AND status IN ('claimed', 'checked_in', 'checked_out', 'verified')",
      [taskId],
    );
    expect(task.claimedCount).toBe(Number(row.n));
    expect(task.claimedCount).toBeLessThanOrEqual(task.capacity);
    expect(holding).toBeGreaterThanOrEqual(task.claimedCount);
  }

  return { t, city, adminA, adminB, publish, claim, startedAgo, ended, secretOf, countersMatchRows };
}

export type ServiceLoopWorld = Awaited<ReturnType<typeof createServiceLoopWorld>>;
