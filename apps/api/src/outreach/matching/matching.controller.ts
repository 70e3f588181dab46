import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  InviteCandidateDto,
  MatchWeights,
  RecommendationStatsDto,
  TaskInviteDto,
  TaskRecommendationDto,
} from '@sbd/contracts';
import { CurrentUser } from '../../platform/auth/decorators';
import type { Principal } from '../../platform/auth/principal';
import { IdParam } from '../../platform/validation/id-param';
import { NoteDto } from '../../platform/validation/note.dto';
import { ReadsMayLag } from '../../platform/database/replica/reads-may-lag';
import { CreateInvitesDto, LimitQuery, PeriodQuery, UpdateMatchWeightsDto } from './dto/matching.dtos';
import { MatchingService } from './matching.service';

@ApiTags('matching')
@ApiBearerAuth()
@Controller()
export class MatchingController {
  constructor(private readonly matching: MatchingService) {}

  @Get('recommendations/tasks')
  @ApiOperation({
    summary: '为你推荐: open tasks ranked for the member, each with reasons',
    description:
      'Score = weighted mean of position match, skills, distance, free time, fairness (fewer services in the last 30 days), past ratings of that kind, and urgency. Tasks the member cannot take (full, overlapping, branch-only, reserved for position holders) are never returned.',
  })
  recommend(@CurrentUser() p: Principal, @Query() q: LimitQuery): Promise<TaskRecommendationDto[]> {
    return this.matching.recommend(p, q.limit);
  }

  @Get('tasks/:id/invite-candidates')
  @ApiOperation({ summary: 'Members to invite to a task, by the same score (community admin)' })
  candidates(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Query() q: LimitQuery,
  ): Promise<InviteCandidateDto[]> {
    return this.matching.inviteCandidates(p, id, q.limit);
  }

  @Post('tasks/:id/invites')
  @ApiOperation({ summary: 'Invite members (they are notified); claiming the task accepts' })
  invite(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Body() dto: CreateInvitesDto,
  ): Promise<TaskInviteDto[]> {
    return this.matching.invite(p, id, dto.userIds);
  }

  @Get('tasks/:id/invites')
  @ApiOperation({ summary: 'Invitations of a task and whether each was accepted' })
  invites(@CurrentUser() p: Principal, @Param('id', IdParam) id: number): Promise<TaskInviteDto[]> {
    return this.matching.invites(p, id);
  }

  @Post('invites/:id/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'The member declines an invitation' })
  decline(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Body() _body: NoteDto,
  ): Promise<TaskInviteDto> {
    return this.matching.decline(p, id);
  }

  @Get('communities/:id/matching-weights')
  @ApiOperation({ summary: 'The community’s weights for the matching score' })
  weights(@CurrentUser() p: Principal, @Param('id', IdParam) id: number): Promise<MatchWeights> {
    return this.matching.getWeights(p, id);
  }

  @Put('communities/:id/matching-weights')
  @ApiOperation({ summary: 'Change the community’s weights (community admin)' })
  setWeights(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Body() dto: UpdateMatchWeightsDto,
  ): Promise<MatchWeights> {
    return this.matching.setWeights(p, id, dto.weights);
  }

  @Get('communities/:id/recommendation-stats')
  @ReadsMayLag()
  @ApiOperation({
    summary: 'Acceptance of recommended tasks vs the plain feed, and time from publishing to full',
    description:
      'Acceptance rate = distinct member × task pairs shown from that source and claimed within 7 days ÷ pairs shown.',
  })
  stats(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Query() q: PeriodQuery,
  ): Promise<RecommendationStatsDto> {
    return this.matching.stats(p, id, q.from, q.to);
  }
}
