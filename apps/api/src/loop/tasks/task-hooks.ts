import { Injectable } from '@nestjs/common';
import type { ClaimDto } from '@sbd/contracts';
import type { EntityManager } from 'typeorm';

/** What a claim's DTO shows of its task (tasks define it; claims read it). */
export interface ClaimTaskView {
  title: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  latitude: number | null;
  longitude: number | null;
  withdrawCutoffMinutes: number;
}

/**
 * What task views need to know of claims: the viewer's own claim on each task. Tasks sit below
 * claims in the loop (a claim is on a task), so the claims module provides this at start-up
 * (`TaskHooks.useClaims`) instead of tasks importing claims.
 */
export interface TaskClaimsReader {
  /**
   * A `SELECT … FROM claims c` giving each claim's id as `c_claim_id` and its task's id as
   * `c_task_id`, nothing else (cheap enough for every feed request); a WHERE on `c` may follow.
   */
  readonly claimKeysSelect: string;
  /**
   * The member's claims of these ids (from `claimKeysSelect`) on these tasks, by task id; read with
   * other requests' in shared statements (the feed's claims on a page).
   */
  ownByIds(
    userId: number,
    claimIds: number[],
    tasks: (ClaimTaskView & { id: number })[],
  ): Promise<Map<number, ClaimDto>>;
  /** The member's own claim on each of the tasks, by task id. */
  ownOnTasks(userId: number, tasks: (ClaimTaskView & { id: number })[]): Promise<Map<number, ClaimDto>>;
}

/** Runs inside the transaction that moves a task; `actorUserId` is the admin who did it. */
export type TaskListener = (
  m: EntityManager,
  taskId: number,
  event: { actorUserId: number; reason?: string },
) => Promise<void>;

/**
 * The task lifecycle's extension points (dependency inversion): modules above tasks (claims)
 * register here what must happen when a task completes or is cancelled, and how a viewer's own
 * claims are read. The flow stays one-directional: tasks → hooks ← claims.
 */
@Injectable()
export class TaskHooks {
  private reader: TaskClaimsReader | null = null;
  private readonly completed: TaskListener[] = [];
  private readonly cancelled: TaskListener[] = [];

  useClaims(reader: TaskClaimsReader): void {
    this.reader = reader;
  }

  onCompleted(listener: TaskListener): void {
    this.completed.push(listener);
  }

  onCancelled(listener: TaskListener): void {
    this.cancelled.push(listener);
  }

  get claims(): TaskClaimsReader {
    if (!this.reader) throw new Error('TaskHooks: no claims reader registered (is ClaimsModule imported?)');
    return this.reader;
  }

  async completedTask(m: EntityManager, taskId: number, actorUserId: number): Promise<void> {
    for (const l of this.completed) await l(m, taskId, { actorUserId });
  }

  async cancelledTask(m: EntityManager, taskId: number, actorUserId: number, reason: string): Promise<void> {
    for (const l of this.cancelled) await l(m, taskId, { actorUserId, reason });
  }
}
