import type { NeedExportQuery, RegistrationExportQuery, TaskExportQuery } from '@sbd/contracts';
import { OmitType } from '@nestjs/swagger';
import { CommunityNeedsQuery, ListTasksQuery } from '../../../loop';
import { ListRegistrationsQuery } from '../../../identity';

/** The filters of each staff list, without its pagination: an export holds every matching row. */
export class ExportRegistrationsQuery
  extends OmitType(ListRegistrationsQuery, ['cursor', 'limit'] as const)
  implements RegistrationExportQuery {}
export class ExportNeedsQuery
  extends OmitType(CommunityNeedsQuery, ['cursor', 'limit'] as const)
  implements NeedExportQuery {}
export class ExportTasksQuery
  extends OmitType(ListTasksQuery, ['cursor', 'limit'] as const)
  implements TaskExportQuery {}
