import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { ClaimDto, Page } from '@sbd/contracts';
import type { Response } from 'express';
import { CurrentUser } from '../../platform/auth/decorators';
import type { Principal } from '../../platform/auth/principal';
import { RateLimit } from '../../platform/throttle/rate-limit.guard';
import { IdParam } from '../../platform/validation/id-param';
import { NoteDto } from '../../platform/validation/note.dto';
import { AttendanceService } from './attendance.service';
import { ClaimViewsService } from './claim-views.service';
import { ClaimsService } from './claims.service';
import { WaitlistService } from './waitlist.service';
import {
  BackfillDto,
  CheckInDto,
  CreateClaimDto,
  ListClaimsQuery,
  RateServiceDto,
  RejectClaimDto,
  VerifyClaimDto,
  WithdrawClaimDto,
} from './dto/claim.dtos';
import { CommunityClaimsQuery } from './dto/community-claims.query';

@ApiTags('claims')
@ApiBearerAuth()
@Controller()
export class ClaimsController {
  constructor(
    private readonly claims: ClaimsService,
    private readonly views: ClaimViewsService,
    private readonly attendance: AttendanceService,
    private readonly waitlist: WaitlistService,
  ) {}

  @Post('claims')
  @ApiOperation({ summary: '接单: claim a slot (or join the waitlist); a branch secretary claims for branch members' })
  @ApiResponse({ status: 201, description: 'Created' })
  @ApiResponse({ status: 200, description: 'The same claim already existed (idempotent)' })
  async claim(
    @CurrentUser() p: Principal,
    @Body() dto: CreateClaimDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ClaimDto | ClaimDto[]> {
    const results = await this.claims.claim(p, dto);
    res.status(results.some((r) => r.created) ? HttpStatus.CREATED : HttpStatus.OK);
    return dto.memberUserIds ? results.map((r) => r.claim) : results[0].claim;
  }

  @Get('claims/mine')
  @ApiOperation({ summary: 'My claims, newest first' })
  mine(@CurrentUser() p: Principal, @Query() q: ListClaimsQuery): Promise<Page<ClaimDto>> {
    return this.views.mine(p, q);
  }

  @Get('tasks/:id/claims')
  @ApiOperation({ summary: 'Claims of a task (staff)' })
  forTask(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Query() q: ListClaimsQuery,
  ): Promise<Page<ClaimDto>> {
    return this.views.forTask(p, id, q);
  }

  @Get('communities/:id/claims')
  @ApiOperation({ summary: '服务核验: the claims on a community’s tasks (staff), by task, status and period' })
  ofCommunity(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Query() q: CommunityClaimsQuery,
  ): Promise<Page<ClaimDto>> {
    return this.views.ofCommunity(p, id, q);
  }

  @Get('claims/:id')
  @ApiOperation({ summary: 'One claim' })
  get(@CurrentUser() p: Principal, @Param('id', IdParam) id: number): Promise<ClaimDto> {
    return this.views.get(p, id);
  }

  @Post('claims/:id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw before the cut-off; the slot goes to the waitlist' })
  withdraw(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Body() _body: WithdrawClaimDto,
  ): Promise<ClaimDto> {
    return this.claims.withdraw(p, id);
  }

  @Post('claims/:id/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm a slot promoted from the waitlist before the hold expires' })
  confirm(@CurrentUser() p: Principal, @Param('id', IdParam) id: number, @Body() _body: NoteDto): Promise<ClaimDto> {
    return this.waitlist.confirm(p, id);
  }

  @Post('claims/:id/check-in')
  @RateLimit({ CHECKIN_IP: 'ip', CHECKIN_MEMBER_TASK: 'claimTask' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Check in with the rotating code or by location' })
  checkIn(@CurrentUser() p: Principal, @Param('id', IdParam) id: number, @Body() dto: CheckInDto): Promise<ClaimDto> {
    return this.attendance.checkIn(p, id, dto);
  }

  @Post('claims/:id/check-out')
  @RateLimit({ CHECKIN_IP: 'ip', CHECKIN_MEMBER_TASK: 'claimTask' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Check out; hours = time inside the window, rounded down to the half hour' })
  checkOut(@CurrentUser() p: Principal, @Param('id', IdParam) id: number, @Body() dto: CheckInDto): Promise<ClaimDto> {
    return this.attendance.checkOut(p, id, dto);
  }

  @Post('claims/:id/verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Verify the hours (community admin, never one’s own); optionally rate the service' })
  verify(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Body() dto: VerifyClaimDto,
  ): Promise<ClaimDto> {
    return this.attendance.verify(p, id, dto);
  }

  @Post('claims/:id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject the hours with a reason' })
  reject(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Body() dto: RejectClaimDto,
  ): Promise<ClaimDto> {
    return this.attendance.reject(p, id, dto.reason);
  }

  @Post('claims/:id/no-show')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a no-show (points deducted)' })
  noShow(@CurrentUser() p: Principal, @Param('id', IdParam) id: number, @Body() _body: NoteDto): Promise<ClaimDto> {
    return this.attendance.markNoShow(p, id);
  }

  @Post('claims/:id/rating')
  @HttpCode(200)
  @ApiOperation({ summary: 'The community rates a member’s verified service' })
  rate(@CurrentUser() p: Principal, @Param('id', IdParam) id: number, @Body() dto: RateServiceDto): Promise<ClaimDto> {
    return this.attendance.rateService(p, id, dto);
  }

  @Post('backfills')
  @ApiOperation({ summary: 'Back-fill hours (补录) with a reason; reported apart from credit hours' })
  backfill(@CurrentUser() p: Principal, @Body() dto: BackfillDto): Promise<{ id: number; hours: number }> {
    return this.attendance.backfill(p, dto);
  }
}
