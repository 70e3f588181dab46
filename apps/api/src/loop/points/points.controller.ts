import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  Page,
  PointsBalanceDto,
  PointsLedgerEntryDto,
  PointsRankingEntryDto,
  ServiceHoursDto,
} from '@sbd/contracts';
import { CurrentUser } from '../../platform/auth/decorators';
import type { Principal } from '../../platform/auth/principal';
import { IdParam } from '../../platform/validation/id-param';
import { IdPageQuery } from '../../platform/validation/id-page.query';
import { ReadsMayLag } from '../../platform/database/replica/reads-may-lag';
import { AdjustPointsDto } from './dto/adjust-points.dto';
import { RankingQuery } from './dto/ranking.query';
import { PointsService } from './points.service';

@ApiTags('points')
@ApiBearerAuth()
@Controller()
export class PointsController {
  constructor(private readonly points: PointsService) {}

  @Get('me/points')
  @ApiOperation({ summary: 'My points balance (the sum of my ledger)' })
  myBalance(@CurrentUser() p: Principal): Promise<PointsBalanceDto> {
    return this.points.balance(p, p.userId);
  }

  @Get('me/points/ledger')
  @ApiOperation({ summary: 'My points ledger, newest first' })
  myLedger(@CurrentUser() p: Principal, @Query() q: IdPageQuery): Promise<Page<PointsLedgerEntryDto>> {
    return this.points.ledger(p, p.userId, q.cursor, q.limit);
  }

  @Get('me/hours')
  @ApiOperation({ summary: 'My verified credit hours and back-filled hours, apart' })
  myHours(@CurrentUser() p: Principal): Promise<ServiceHoursDto> {
    return this.points.hours(p, p.userId);
  }

  @Get('members/:id/points')
  @ApiOperation({ summary: 'A member’s balance (their community staff or unit admin)' })
  balance(@CurrentUser() p: Principal, @Param('id', IdParam) id: number): Promise<PointsBalanceDto> {
    return this.points.balance(p, id);
  }

  @Get('members/:id/hours')
  @ApiOperation({ summary: 'A member’s hours (their community staff or unit admin)' })
  hours(@CurrentUser() p: Principal, @Param('id', IdParam) id: number): Promise<ServiceHoursDto> {
    return this.points.hours(p, id);
  }

  @Get('points/ranking')
  @ReadsMayLag()
  @ApiOperation({
    summary: 'Rankings derived from the ledger: members of a community or unit; communities or units under a node',
  })
  ranking(@CurrentUser() p: Principal, @Query() q: RankingQuery): Promise<PointsRankingEntryDto[]> {
    return this.points.ranking(p, q);
  }

  @Post('points/adjustments')
  @ApiOperation({ summary: 'Manual adjustment with a reason (community admin)' })
  adjust(@CurrentUser() p: Principal, @Body() dto: AdjustPointsDto): Promise<PointsLedgerEntryDto> {
    return this.points.adjust(p, dto);
  }
}
