// The loop context's public face: other contexts import only from here.
export { ClaimsModule } from './claims/claims.module';
export { EmergencyModule } from './emergency/emergency.module';
export { NeedsModule } from './needs/needs.module';
export { PointsModule } from './points/points.module';
export { SchedulerModule } from './scheduler/scheduler.module';
export { ImpressionsService } from './tasks/impressions.service';
export { TaskViewsService } from './tasks/task-views.service';
export { TasksModule } from './tasks/tasks.module';
export { UploadsModule } from './uploads/uploads.module';
export { taskReader, type TaskView } from './loop-read';
export { CommunityNeedsQuery } from './needs/dto/list-needs.query';
export { ListTasksQuery } from './tasks/dto/list-tasks.query';
