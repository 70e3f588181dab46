import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Role, type RollupRebuildDto, type ScreenDto, type StatsDto } from '@sbd/contracts';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../../platform/auth/decorators';
import type { Principal } from '../../platform/auth/principal';
import { IdParam } from '../../platform/validation/id-param';
import { ReadsMayLag } from '../../platform/database/replica/reads-may-lag';
import { sendXlsx } from '../shared/xlsx';
import { StatsQuery } from './dto/stats.query';
import { ScreenService } from './screen.service';
import { STATS_DOC } from './stats-definitions';
import { StatsRollupService } from './stats-rollup.service';
import { StatsService } from './stats.service';

const READERS = [Role.CommunityAdmin, Role.StreetAdmin, Role.DistrictAdmin, Role.PlatformAdmin, Role.UnitAdmin];

@ApiTags('stats')
@ApiBearerAuth()
@Controller('stats')
@Roles(...READERS)
export class StatsController {
  constructor(
    private readonly stats: StatsService,
    private readonly rollups: StatsRollupService,
    private readonly screens: ScreenService,
  ) {}

  @Get('nodes/:id')
  @ReadsMayLag()
  @ApiOperation({
    summary: '统计: 报到率, 服务率, hours, 满意率, need closure, tasks, top members and series of an org node',
    description: STATS_DOC,
  })
  get(@CurrentUser() p: Principal, @Param('id', IdParam) id: number, @Query() q: StatsQuery): Promise<StatsDto> {
    return this.stats.stats(p, id, q);
  }

  @Get('nodes/:id/screen')
  @ReadsMayLag()
  @ApiOperation({
    summary: '数据大屏: the child territories ranked by 服务率 and the latest verified services of a node',
    description:
      'For a district, street or community and the same period as GET /api/stats/nodes/:id (granularity ignored). ' +
      'Children: open streets of a district or communities of a street, with 服务率, services and hours as defined ' +
      'there. Latest: the newest verified services of tasks in the node, names masked. Readers: as the statistics.',
  })
  screen(@CurrentUser() p: Principal, @Param('id', IdParam) id: number, @Query() q: StatsQuery): Promise<ScreenDto> {
    return this.screens.screen(p, id, q);
  }

  @Get('nodes/:id/export.xlsx')
  @ReadsMayLag()
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({
    summary: 'The statistics report (统计报表) of an org node and period as Excel',
    description: STATS_DOC,
  })
  async export(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Query() q: StatsQuery,
    @Res() res: Response,
  ): Promise<void> {
    const { buffer, filename } = await this.stats.workbook(p, id, q);
    sendXlsx(res, buffer, filename, filename);
  }

  @Post('rollups/rebuild')
  @HttpCode(200)
  @Roles(Role.PlatformAdmin)
  @ApiOperation({
    summary: 'Rebuild the district roll-ups from the source tables (platform admin)',
    description:
      'Needed only after the service-loop tables were edited outside the app (imports, back-dated corrections): the app’s own writes are picked up on every read. With the background builder (SCHEDULER_ENABLED) the rebuild is queued (queued: true) and district figures answer 503 STATS_BUILDING until it is done.',
  })
  rebuild(): Promise<RollupRebuildDto> {
    return this.rollups.rebuild();
  }
}
