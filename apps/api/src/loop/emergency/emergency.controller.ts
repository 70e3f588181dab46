import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { CallupDto } from '@sbd/contracts';
import type { Response } from 'express';
import { CurrentUser } from '../../platform/auth/decorators';
import type { Principal } from '../../platform/auth/principal';
import { IdParam } from '../../platform/validation/id-param';
import { NoteDto } from '../../platform/validation/note.dto';
import { CallupListQuery, CreateCallupDto, FormGroupsDto, MusterQuery, RespondCallupDto } from './dto/emergency.dtos';
import { EmergencyService } from './emergency.service';
import { MusterService } from './muster.service';

@ApiTags('emergency')
@ApiBearerAuth()
@Controller('callups')
export class EmergencyController {
  constructor(
    private readonly emergency: EmergencyService,
    private readonly musters: MusterService,
  ) {}

  @Post()
  @ApiOperation({ summary: '应急召集: notify every approved member in scope (community or street admin)' })
  create(@CurrentUser() p: Principal, @Body() dto: CreateCallupDto): Promise<CallupDto> {
    return this.emergency.create(p, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Call-ups issued for a node and below it (staff)' })
  list(@CurrentUser() p: Principal, @Query() q: CallupListQuery): Promise<CallupDto[]> {
    return this.emergency.listForNode(p, q.scopeNodeId);
  }

  @Get('mine')
  @ApiOperation({ summary: 'Call-ups addressed to me' })
  mine(@CurrentUser() p: Principal): Promise<CallupDto[]> {
    return this.emergency.mine(p);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One call-up with counts (and groups for staff)' })
  get(@CurrentUser() p: Principal, @Param('id', IdParam) id: number): Promise<CallupDto> {
    return this.emergency.get(p, id);
  }

  @Post(':id/respond')
  @HttpCode(200)
  @ApiOperation({ summary: 'Answer available / unavailable' })
  respond(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Body() dto: RespondCallupDto,
  ): Promise<CallupDto> {
    return this.emergency.respond(p, id, dto);
  }

  @Post(':id/groups')
  @HttpCode(200)
  @ApiOperation({ summary: 'Group the available responders' })
  groups(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Body() dto: FormGroupsDto,
  ): Promise<CallupDto> {
    return this.emergency.formGroups(p, id, dto.groupSize);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'End the call-up' })
  close(@CurrentUser() p: Principal, @Param('id', IdParam) id: number, @Body() _body: NoteDto): Promise<CallupDto> {
    return this.emergency.close(p, id);
  }

  @Get(':id/muster.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({
    summary: 'Export the muster list (花名册) to Excel: phones masked, in full with a reason (audited)',
  })
  async muster(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Query() q: MusterQuery,
    @Res() res: Response,
  ): Promise<void> {
    const { buffer, filename } = await this.musters.xlsx(p, id, q.reason?.trim() ?? null);
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .setHeader('Content-Disposition', `attachment; filename="${filename}"`)
      .send(buffer);
  }
}
