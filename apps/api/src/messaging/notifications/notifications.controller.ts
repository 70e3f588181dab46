import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { InboxSummaryDto, NotificationDto, Page } from '@sbd/contracts';
import { CurrentUser } from '../../platform/auth/decorators';
import type { Principal } from '../../platform/auth/principal';
import { InboxQueryDto } from './dto/inbox.query';
import { MarkReadDto } from './dto/mark-read.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'My in-app inbox, newest first' })
  list(@CurrentUser() p: Principal, @Query() q: InboxQueryDto): Promise<Page<NotificationDto>> {
    return this.notifications.inbox(p.userId, q);
  }

  @Get('summary')
  @ApiOperation({ summary: 'Unread count' })
  summary(@CurrentUser() p: Principal): Promise<InboxSummaryDto> {
    return this.notifications.summary(p.userId);
  }

  @Post('read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark notifications read' })
  read(@CurrentUser() p: Principal, @Body() dto: MarkReadDto): Promise<InboxSummaryDto> {
    return this.notifications.markRead(p.userId, dto.ids, dto.all);
  }
}
