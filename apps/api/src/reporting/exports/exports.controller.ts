import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../../platform/auth/decorators';
import type { Principal } from '../../platform/auth/principal';
import { IdParam } from '../../platform/validation/id-param';
import { ReadsMayLag } from '../../platform/database/replica/reads-may-lag';
import { ExportNeedsQuery, ExportRegistrationsQuery, ExportTasksQuery } from './dto/export.queries';
import { ExportsService } from './exports.service';
import { sendXlsx, XLSX_MIME } from '../shared/xlsx';

const SAME_ROWS =
  'Exactly the rows the list endpoint returns for the same filter (all pages, newest first); phones masked; at most 50,000 rows.';

@ApiTags('exports')
@ApiBearerAuth()
@Controller('communities/:id')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('registrations/export.xlsx')
  @ReadsMayLag()
  @ApiProduces(XLSX_MIME)
  @ApiOperation({ summary: 'A community’s registrations as Excel (filter: status)', description: SAME_ROWS })
  async registrations(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Query() q: ExportRegistrationsQuery,
    @Res() res: Response,
  ): Promise<void> {
    sendXlsx(res, await this.exports.registrations(p, id, q), '报到记录.xlsx', `registrations-${id}.xlsx`);
  }

  @Get('needs/export.xlsx')
  @ReadsMayLag()
  @ApiProduces(XLSX_MIME)
  @ApiOperation({
    summary: 'A community’s needs as Excel (filters: status, category, buildingId)',
    description: SAME_ROWS,
  })
  async needs(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Query() q: ExportNeedsQuery,
    @Res() res: Response,
  ): Promise<void> {
    sendXlsx(res, await this.exports.needs(p, id, q), '居民点单.xlsx', `needs-${id}.xlsx`);
  }

  @Get('tasks/export.xlsx')
  @ReadsMayLag()
  @ApiProduces(XLSX_MIME)
  @ApiOperation({ summary: 'A community’s tasks as Excel (filter: status)', description: SAME_ROWS })
  async tasks(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Query() q: ExportTasksQuery,
    @Res() res: Response,
  ): Promise<void> {
    sendXlsx(res, await this.exports.tasks(p, id, q), '服务任务.xlsx', `tasks-${id}.xlsx`);
  }
}
