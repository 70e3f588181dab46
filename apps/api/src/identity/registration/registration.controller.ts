import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  BranchMemberDto,
  CardVerificationDto,
  ECardDto,
  LiveCardCheckDto,
  LiveCardCodeDto,
  Page,
  RegistrationDto,
} from '@sbd/contracts';
import type { Request } from 'express';
import { CurrentUser, Public } from '../../platform/auth/decorators';
import { RateLimit } from '../../platform/throttle/rate-limit.guard';
import type { Principal } from '../../platform/auth/principal';
import { IdParam } from '../../platform/validation/id-param';
import { ReadsMayLag } from '../../platform/database/replica/reads-may-lag';
import { ApproveRegistrationDto } from './dto/approve-registration.dto';
import { LinkWorkUnitDto } from './dto/link-work-unit.dto';
import { ListRegistrationsQuery } from './dto/list-registrations.query';
import { RejectRegistrationDto } from './dto/reject-registration.dto';
import { SubmitRegistrationDto } from './dto/submit-registration.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { LiveCardService } from './live-card.service';
import { RegistrationViewsService } from './registration-views.service';
import { RegistrationService } from './registration.service';
import { WorkUnitLinkService } from './work-unit-link.service';

@ApiTags('registration')
@ApiBearerAuth()
@Controller()
export class RegistrationController {
  constructor(
    private readonly registrations: RegistrationService,
    private readonly views: RegistrationViewsService,
    private readonly links: WorkUnitLinkService,
    private readonly liveCards: LiveCardService,
  ) {}

  @Post('registrations')
  @ApiOperation({ summary: 'Register (报到) with the community of the scanned QR code' })
  submit(
    @CurrentUser() p: Principal,
    @Body() dto: SubmitRegistrationDto,
    @Req() req: Request,
  ): Promise<RegistrationDto> {
    return this.registrations.submit(p, dto, req.ip ?? null);
  }

  @Get('registrations/me')
  @ApiOperation({ summary: 'My registration and its status' })
  mine(@CurrentUser() p: Principal): Promise<RegistrationDto> {
    return this.views.mine(p);
  }

  @Patch('registrations/me')
  @ApiOperation({ summary: 'Edit my profile: skills, free time, positions, residence' })
  update(@CurrentUser() p: Principal, @Body() dto: UpdateProfileDto): Promise<RegistrationDto> {
    return this.registrations.updateProfile(p, dto);
  }

  @Get('registrations/me/card')
  @ApiOperation({ summary: 'My e-card (亮身份), once approved' })
  card(@CurrentUser() p: Principal): Promise<ECardDto> {
    return this.views.card(p);
  }

  @Get('registrations/me/card/live-code')
  @ApiOperation({ summary: 'My e-card’s live code: a signed QR that changes every 30 s (a screenshot stops working)' })
  liveCode(@CurrentUser() p: Principal): Promise<LiveCardCodeDto> {
    return this.liveCards.code(p);
  }

  @Get('cards/live/:code')
  @ApiOperation({ summary: 'Staff scan a member’s live e-card: verified identity and standing (scoped)' })
  checkLive(@CurrentUser() p: Principal, @Param('code') code: string): Promise<LiveCardCheckDto> {
    return this.liveCards.check(p, code);
  }

  @Public()
  @Get('cards/:cardNo')
  @RateLimit({ CARD_VERIFY_IP: 'ip' })
  @ApiOperation({ summary: 'Verify an e-card shown by a member (name masked)' })
  verify(@Param('cardNo') cardNo: string): Promise<CardVerificationDto> {
    return this.views.verifyCard(cardNo);
  }

  @Get('communities/:id/registrations')
  @ReadsMayLag()
  @ApiOperation({ summary: 'A community’s registrations, newest first (keyset pagination)' })
  list(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Query() q: ListRegistrationsQuery,
  ): Promise<Page<RegistrationDto>> {
    return this.views.listForCommunity(p, id, q);
  }

  @Get('units/:id/members')
  @ReadsMayLag()
  @ApiOperation({ summary: 'Registrations that name this work unit (报回单位)' })
  unitMembers(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Query() q: ListRegistrationsQuery,
  ): Promise<Page<RegistrationDto>> {
    return this.views.listForUnit(p, id, q);
  }

  @Get('branches/:id/members')
  @ReadsMayLag()
  @ApiOperation({ summary: 'Approved members of a functional branch (its secretary, or community staff)' })
  branchMembers(@CurrentUser() p: Principal, @Param('id', IdParam) id: number): Promise<BranchMemberDto[]> {
    return this.views.branchMembers(p, id);
  }

  @Get('registrations/:id')
  @ApiOperation({ summary: 'One registration (owner, its community’s staff, or its unit admin)' })
  get(@CurrentUser() p: Principal, @Param('id', IdParam) id: number): Promise<RegistrationDto> {
    return this.views.get(p, id);
  }

  @Post('registrations/:id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve and assign branch, group and grid (community admin)' })
  approve(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Body() dto: ApproveRegistrationDto,
  ): Promise<RegistrationDto> {
    return this.registrations.approve(p, id, dto);
  }

  @Post('registrations/:id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject with a reason (community admin)' })
  reject(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Body() dto: RejectRegistrationDto,
  ): Promise<RegistrationDto> {
    return this.registrations.reject(p, id, dto.reason);
  }

  @Post('registrations/:id/work-unit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Link a hand-typed work unit name to a unit of the tree (归并, community staff and above)' })
  linkWorkUnit(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Body() dto: LinkWorkUnitDto,
  ): Promise<RegistrationDto> {
    return this.links.link(p, id, dto.workUnitId);
  }
}
