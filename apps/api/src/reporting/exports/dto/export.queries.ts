import { OmitType } from '@nestjs/swagger';
import { CommunityNeedsQuery, ListTasksQuery } from '../../../loop';
import { ListRegistrationsQuery } from '../../../identity';

/** The filters of each staff list, without its pagination: an export holds every matching row. */
export class ExportRegistrationsQuery extends OmitType(ListRegistrationsQuery, ['cursor', 'limit'] as const) {}
export class ExportNeedsQuery extends OmitType(CommunityNeedsQuery, ['cursor', 'limit'] as const) {}
export class ExportTasksQuery extends OmitType(ListTasksQuery, ['cursor', 'limit'] as const) {}
