import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { NeedDto, NeedDuplicateSuggestionDto, Page } from '@sbd/contracts';
import { CurrentUser } from '../../platform/auth/decorators';
import type { Principal } from '../../platform/auth/principal';
import { RateLimit } from '../../platform/throttle/rate-limit.guard';
import { IdParam } from '../../platform/validation/id-param';
import { NoteDto } from '../../platform/validation/note.dto';
import { ReadsMayLag } from '../../platform/database/replica/reads-may-lag';
import { CreateNeedDto } from './dto/create-need.dto';
import { DuplicateCheckDto } from './dto/duplicate-check.dto';
import { CommunityNeedsQuery, MyNeedsQuery, NeedSummaryQuery } from './dto/list-needs.query';
import { MergeNeedDto, NeedNoteDto, RateNeedDto, RejectNeedDto, WithdrawNeedDto } from './dto/need-actions.dto';
import type { NeedSummaryDto } from './need-summary';
import { NeedViewsService } from './need-views.service';
import { NeedsService, type PlusOneResultDto } from './needs.service';
import { TriageService } from './triage.service';

@ApiTags('needs')
@ApiBearerAuth()
@Controller()
export class NeedsController {
  constructor(
    private readonly needs: NeedsService,
    private readonly views: NeedViewsService,
    private readonly triage: TriageService,
  ) {}

  @Post('needs')
  @RateLimit({ NEED_IP: 'ip', NEED_ACCOUNT: 'user' })
  @ApiOperation({ summary: '点单: post a need (residents; community staff post for residents not online, 代点单)' })
  create(@CurrentUser() p: Principal, @Body() dto: CreateNeedDto): Promise<NeedDto> {
    return this.needs.create(p, dto);
  }

  @Post('needs/duplicates')
  @HttpCode(200)
  @ApiOperation({ summary: 'Likely duplicates of a need about to be posted ("同一件事 +1"), top 5' })
  duplicates(@CurrentUser() p: Principal, @Body() dto: DuplicateCheckDto): Promise<NeedDuplicateSuggestionDto[]> {
    return this.needs.duplicates(p, dto);
  }

  @Get('needs/mine')
  @ApiOperation({ summary: 'My needs, newest first (keyset pagination)' })
  mine(@CurrentUser() p: Principal, @Query() q: MyNeedsQuery): Promise<Page<NeedDto>> {
    return this.views.mine(p, q);
  }

  @Get('needs/:id')
  @ApiOperation({ summary: 'One need (its poster, or its community’s staff)' })
  get(@CurrentUser() p: Principal, @Param('id', IdParam) id: number): Promise<NeedDto> {
    return this.views.get(p, id);
  }

  @Post('needs/:id/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pass a need held for content review (community admin)' })
  release(@CurrentUser() p: Principal, @Param('id', IdParam) id: number, @Body() _dto: NeedNoteDto): Promise<NeedDto> {
    return this.triage.release(p, id);
  }

  @Post('needs/:id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept (受理) a need (community admin)' })
  accept(@CurrentUser() p: Principal, @Param('id', IdParam) id: number, @Body() _dto: NeedNoteDto): Promise<NeedDto> {
    return this.triage.accept(p, id);
  }

  @Post('needs/:id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a need with a reason (community admin)' })
  reject(@CurrentUser() p: Principal, @Param('id', IdParam) id: number, @Body() dto: RejectNeedDto): Promise<NeedDto> {
    return this.triage.reject(p, id, dto.reason);
  }

  @Post('needs/:id/merge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge a need into another about the same thing (community admin)' })
  merge(@CurrentUser() p: Principal, @Param('id', IdParam) id: number, @Body() dto: MergeNeedDto): Promise<NeedDto> {
    return this.triage.merge(p, id, dto);
  }

  @Post('needs/:id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw my need (its poster, or the staff who posted it for a resident)' })
  withdraw(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Body() dto: WithdrawNeedDto,
  ): Promise<NeedDto> {
    return this.needs.withdraw(p, id, dto.reason);
  }

  @Post('needs/:id/fulfil')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark an accepted need fulfilled (办结) by hand (community admin)' })
  fulfil(@CurrentUser() p: Principal, @Param('id', IdParam) id: number, @Body() _dto: NeedNoteDto): Promise<NeedDto> {
    return this.triage.fulfil(p, id);
  }

  @Post('needs/:id/rate')
  @HttpCode(200)
  @ApiOperation({ summary: '评单: rate the service of my fulfilled need; resolved=false (没解决) reopens it' })
  rate(@CurrentUser() p: Principal, @Param('id', IdParam) id: number, @Body() dto: RateNeedDto): Promise<NeedDto> {
    return this.needs.rate(p, id, dto);
  }

  @Post('needs/:id/plus-one')
  @HttpCode(200)
  @ApiOperation({ summary: '"同一件事 +1": back an open need of my community (once per person)' })
  plusOne(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Body() _body: NoteDto,
  ): Promise<PlusOneResultDto> {
    return this.needs.plusOne(p, id);
  }

  @Get('communities/:id/needs')
  @ReadsMayLag()
  @ApiOperation({ summary: 'A community’s needs for its staff, newest first (keyset pagination)' })
  list(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Query() q: CommunityNeedsQuery,
  ): Promise<Page<NeedDto>> {
    return this.views.listForCommunity(p, id, q);
  }

  @Get('communities/:id/needs/summary')
  @ReadsMayLag()
  @ApiOperation({ summary: '日汇总、周研判、月总结: counts by category and status, needs not accepted within 48 h' })
  summary(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Query() q: NeedSummaryQuery,
  ): Promise<NeedSummaryDto> {
    return this.triage.summary(p, id, q);
  }
}
