import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SubscribeTemplatesDto, SubscriptionDto } from '@sbd/contracts';
import { CurrentUser } from '../../platform/auth/decorators';
import type { Principal } from '../../platform/auth/principal';
import { RecordSubscribeChoicesDto, SubscribeTemplatesQueryDto } from './dto/subscription.dtos';
import { SubscriptionsService } from './subscriptions.service';

@ApiTags('subscriptions')
@ApiBearerAuth()
@Controller('subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Get('templates')
  @ApiOperation({ summary: 'Template ids for Taro.requestSubscribeMessage at a moment (≤ 3; empty: none configured)' })
  templates(@Query() q: SubscribeTemplatesQueryDto): SubscribeTemplatesDto {
    return this.subscriptions.templatesFor(q.moment);
  }

  @Post('choices')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record what the user chose per template (accept adds one message, reject/ban drop them)' })
  record(@CurrentUser() p: Principal, @Body() dto: RecordSubscribeChoicesDto): Promise<SubscriptionDto[]> {
    return this.subscriptions.record(p.userId, dto.choices);
  }

  @Get()
  @ApiOperation({ summary: 'My unused acceptances and last choice per configured template' })
  mine(@CurrentUser() p: Principal): Promise<SubscriptionDto[]> {
    return this.subscriptions.mine(p.userId);
  }
}
