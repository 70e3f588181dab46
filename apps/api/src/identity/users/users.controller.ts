import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MeDto, PrivacyNoticeDto } from '@sbd/contracts';
import type { Request } from 'express';
import { CurrentUser, Public } from '../../platform/auth/decorators';
import type { Principal } from '../../platform/auth/principal';
import { ConsentDto } from './dto/consent.dto';
import { JoinCommunityDto } from './dto/join-community.dto';
import { PRIVACY_NOTICE } from './privacy-notice';
import { UsersService } from './users.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @ApiOperation({ summary: 'The caller: profile, roles and consent' })
  me(@CurrentUser() p: Principal): Promise<MeDto> {
    return this.users.me(p);
  }

  @Post('me/consent')
  @HttpCode(200)
  @ApiOperation({ summary: 'Consent to the current privacy notice (stored with version and time)' })
  consent(@CurrentUser() p: Principal, @Body() dto: ConsentDto, @Req() req: Request): Promise<MeDto> {
    return this.users.consent(p, dto.version, req.ip ?? null, req.get('user-agent') ?? null);
  }

  @Post('me/community')
  @HttpCode(200)
  @ApiOperation({ summary: 'Join a community as a resident: by its code (the poster) or a nearby community' })
  joinCommunity(@CurrentUser() p: Principal, @Body() dto: JoinCommunityDto): Promise<MeDto> {
    return this.users.joinCommunity(p, dto);
  }

  @Public()
  @Get('privacy-notice')
  @ApiOperation({ summary: 'The current privacy notice and its version' })
  notice(): PrivacyNoticeDto {
    return PRIVACY_NOTICE;
  }
}
