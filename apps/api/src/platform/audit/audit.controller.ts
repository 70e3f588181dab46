import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type AuditEventDto, type Page } from '@sbd/contracts';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { AuditViewsService } from './audit-views.service';
import { AuditEventsQuery } from './dto/audit-events.query';

/** Read only: no route changes or deletes an audit event. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-events')
export class AuditController {
  constructor(private readonly views: AuditViewsService) {}

  @Get()
  @Roles(Role.PlatformAdmin, Role.DistrictAdmin)
  @ApiOperation({
    summary: 'The audit log, newest first: platform admins see every event, district admins their district’s',
  })
  list(@CurrentUser() p: Principal, @Query() q: AuditEventsQuery): Promise<Page<AuditEventDto>> {
    return this.views.list(p, q);
  }
}
