import { Injectable, type OnModuleInit } from '@nestjs/common';
import { TaskHooks } from '../tasks/task-hooks';
import { AttendanceService } from './attendance.service';
import { ClaimViewsService } from './claim-views.service';
import { ClaimsService } from './claims.service';

/**
 * Claims' part in the task lifecycle, registered with the tasks module at start-up: a completed
 * task marks members who never checked in as no-shows, a cancelled one cancels every claim, and
 * task views read the viewer's own claims from here.
 */
@Injectable()
export class ClaimsTaskHooks implements OnModuleInit {
  constructor(
    private readonly hooks: TaskHooks,
    private readonly claims: ClaimsService,
    private readonly attendance: AttendanceService,
    private readonly views: ClaimViewsService,
  ) {}

  onModuleInit(): void {
    this.hooks.useClaims({
      claimKeysSelect: 'SELECT c.id AS c_claim_id, c.task_id AS c_task_id FROM claims c',
      ownByIds: (userId, claimIds, tasks) => this.views.ownByIds(userId, claimIds, tasks),
      ownOnTasks: (userId, tasks) => this.views.ownOnTasks(userId, tasks),
    });
    this.hooks.onCompleted((m, taskId, e) => this.attendance.markNoShowsForTask(m, taskId, e.actorUserId));
    this.hooks.onCancelled((m, taskId, e) => this.claims.cancelAllForTask(m, taskId, e.reason ?? ''));
  }
}
