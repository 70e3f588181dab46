import type { NeedExportQuery, RegistrationExportQuery, TaskExportQuery } from '@sbd/contracts';
import { OmitType } from '@nestjs/swagger';
import { CommunityNeedsQuery } from '../../../loop/needs/dto/list-needs.query';
import { ListRegistrationsQuery } from '../../../identity/registration/dto/list-registrations.query';
import { ListTasksQuery } from '../../../loop/tasks/dto/list-tasks.query';

/** The filters of each staff list, without its pagination: an export holds every matching row. */
export class ExportRegistrationsQuery extends OmitType(ListRegistrationsQuery, ['cursor', 'limit'] as const) implements RegistrationExportQuery {}
export class ExportNeedsQuery extends OmitType(CommunityNeedsQuery, ['cursor', 'limit'] as const) implements NeedExportQuery {}
export class ExportTasksQuery extends OmitType(ListTasksQuery, ['cursor', 'limit'] as const) implements TaskExportQuery {}
