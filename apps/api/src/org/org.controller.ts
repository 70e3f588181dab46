import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { IdParam } from '../platform/validation/id-param';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  PosterKind,
  type CommunityPublicDto,
  type NearbyCommunityDto,
  type OrgNodeDto,
  type Page,
  type PositionDto,
  type WorkUnitDirectoryEntryDto,
} from '@sbd/contracts';
import type { Response } from 'express';
import { CurrentUser, Public } from '../platform/auth/decorators';
import { RateLimit } from '../platform/throttle/rate-limit.guard';
import type { Principal } from '../platform/auth/principal';
import { CommunityPosterService, type PosterFile } from './community-poster.service';
import { CommunityQrService } from './community-qr.service';
import { CreateOrgNodeDto } from './dto/create-org-node.dto';
import { CreatePositionDto } from './dto/create-position.dto';
import { NearbyCommunitiesDto } from './dto/nearby.query';
import { ListChildrenQuery } from './dto/list-children.query';
import { PosterQueryDto } from './dto/poster.query';
import { UpdateOrgNodeDto } from './dto/update-org-node.dto';
import { CloseOrgNodeDto, MoveOrgNodeDto, WorkUnitSearchDto } from './dto/upkeep.dtos';
import { NoteDto } from '../platform/validation/note.dto';
import { OrgUpkeepService } from './org-upkeep.service';
import { UpdatePositionDto } from './dto/update-position.dto';
import { OrgService } from './org.service';

const id = IdParam;

@ApiTags('org')
@ApiBearerAuth()
@Controller()
export class OrgController {
  constructor(
    private readonly org: OrgService,
    private readonly qr: CommunityQrService,
    private readonly upkeep: OrgUpkeepService,
    private readonly posters: CommunityPosterService,
  ) {}

  @Get('org/roots')
  @ApiOperation({ summary: 'The org nodes the caller administers' })
  roots(@CurrentUser() p: Principal): Promise<OrgNodeDto[]> {
    return this.org.myRoots(p);
  }

  @Post('org/nodes')
  @ApiOperation({ summary: 'Create an org node under a parent the caller manages' })
  create(@CurrentUser() p: Principal, @Body() dto: CreateOrgNodeDto): Promise<OrgNodeDto> {
    return this.org.createNode(p, dto);
  }

  @Patch('org/nodes/:id')
  @ApiOperation({ summary: 'Rename or relocate an org node' })
  update(
    @CurrentUser() p: Principal,
    @Param('id', id) nodeId: number,
    @Body() dto: UpdateOrgNodeDto,
  ): Promise<OrgNodeDto> {
    return this.org.updateNode(p, nodeId, dto);
  }

  @Get('org/nodes/:id/children')
  @ApiOperation({ summary: 'Children of a node, or all descendants of one type' })
  children(
    @CurrentUser() p: Principal,
    @Param('id', id) nodeId: number,
    @Query() q: ListChildrenQuery,
  ): Promise<OrgNodeDto[]> {
    return this.org.children(p, nodeId, q.type, q.includeClosed === 'true');
  }

  @Post('org/nodes/:id/move')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a street, community, grid or unit with its subtree under another parent' })
  move(@CurrentUser() p: Principal, @Param('id', id) nodeId: number, @Body() dto: MoveOrgNodeDto): Promise<OrgNodeDto> {
    return this.upkeep.move(p, nodeId, dto.parentId);
  }

  @Post('org/nodes/:id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close (撤销) a node and its subtree: gone from pickers, kept in past numbers' })
  close(
    @CurrentUser() p: Principal,
    @Param('id', id) nodeId: number,
    @Body() dto: CloseOrgNodeDto,
  ): Promise<OrgNodeDto> {
    return this.upkeep.close(p, nodeId, dto.reason);
  }

  @Post('org/nodes/:id/reopen')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a closed node and what was closed with it' })
  reopen(@CurrentUser() p: Principal, @Param('id', id) nodeId: number, @Body() _body: NoteDto): Promise<OrgNodeDto> {
    return this.upkeep.reopen(p, nodeId);
  }

  @Get('work-units')
  @ApiOperation({ summary: 'The city-wide work unit directory, searched by name (at least 2 characters)' })
  workUnits(@Query() q: WorkUnitSearchDto): Promise<Page<WorkUnitDirectoryEntryDto>> {
    return this.org.searchWorkUnits(q);
  }

  @Public()
  @Get('communities/by-code/:code')
  @ApiOperation({ summary: 'Public facts of a community, from its QR code: positions, buildings, work units' })
  byCode(@Param('code') code: string): Promise<CommunityPublicDto> {
    return this.org.communityByCode(code);
  }

  @Get('communities/nearby')
  @ApiOperation({ summary: 'Open communities nearest a point (lat/lng), or all open ones by name: to join one' })
  nearby(@Query() q: NearbyCommunitiesDto): Promise<NearbyCommunityDto[]> {
    return this.org.nearby(q.lat !== undefined && q.lng !== undefined ? { lat: q.lat, lng: q.lng } : null);
  }

  @Get('communities/:id/profile')
  @ApiOperation({ summary: 'The public facts of a community by id: positions, buildings, work units' })
  profile(@Param('id', id) communityId: number): Promise<CommunityPublicDto> {
    return this.org.communityById(communityId);
  }

  @Get('communities/:id/positions')
  @ApiOperation({ summary: 'The community’s catalogue of service positions (岗位)' })
  positions(@CurrentUser() p: Principal, @Param('id', id) communityId: number): Promise<PositionDto[]> {
    return this.org.positions(p, communityId);
  }

  @Post('communities/:id/positions')
  @ApiOperation({ summary: 'Add a position to the catalogue (community admin)' })
  createPosition(
    @CurrentUser() p: Principal,
    @Param('id', id) communityId: number,
    @Body() dto: CreatePositionDto,
  ): Promise<PositionDto> {
    return this.org.createPosition(p, communityId, dto);
  }

  @Patch('positions/:id')
  @ApiOperation({ summary: 'Edit or deactivate a position (community admin)' })
  updatePosition(
    @CurrentUser() p: Principal,
    @Param('id', id) positionId: number,
    @Body() dto: UpdatePositionDto,
  ): Promise<PositionDto> {
    return this.org.updatePosition(p, positionId, dto);
  }

  @Get('communities/:id/qrcode.png')
  @ApiProduces('image/png')
  @Header('Cache-Control', 'private, max-age=300')
  @ApiOperation({ summary: 'Registration QR code (PNG) encoding the H5 registration URL' })
  async qrPng(@CurrentUser() p: Principal, @Param('id', id) communityId: number, @Res() res: Response): Promise<void> {
    const png = await this.qr.png(p, communityId);
    res.type('image/png').send(png);
  }

  @Get('communities/:id/qrcode.svg')
  @ApiProduces('image/svg+xml')
  @ApiOperation({ summary: 'Registration QR code (SVG) for printing posters' })
  async qrSvg(@CurrentUser() p: Principal, @Param('id', id) communityId: number, @Res() res: Response): Promise<void> {
    const svg = await this.qr.svg(p, communityId);
    res.type('image/svg+xml').send(svg);
  }

  @Get('communities/:id/wxacode')
  @ApiProduces('image/png')
  @ApiOperation({ summary: 'WeChat mini-program code (getwxacodeunlimit) with the community code as scene' })
  async wxacode(
    @CurrentUser() p: Principal,
    @Param('id', id) communityId: number,
    @Res() res: Response,
  ): Promise<void> {
    // Produce the image before touching the response, so an error still answers JSON.
    const image = await this.qr.wxacode(p, communityId);
    res.type('image/png').send(image);
  }

  @Get('communities/:id/poster.png')
  @RateLimit({ POSTER_USER: 'user' })
  @ApiProduces('image/png')
  @ApiOperation({ summary: 'Printable registration poster (A4 proportions, 300 dpi PNG) with the code to scan' })
  async posterPng(
    @CurrentUser() p: Principal,
    @Param('id', id) communityId: number,
    @Query() q: PosterQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    sendPoster(res, 'image/png', await this.posters.poster(p, communityId, q.kind ?? PosterKind.Wxacode, 'png'));
  }

  @Get('communities/:id/poster.pdf')
  @RateLimit({ POSTER_USER: 'user' })
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The registration poster as a one-page A4 PDF' })
  async posterPdf(
    @CurrentUser() p: Principal,
    @Param('id', id) communityId: number,
    @Query() q: PosterQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    sendPoster(res, 'application/pdf', await this.posters.poster(p, communityId, q.kind ?? PosterKind.Wxacode, 'pdf'));
  }
}

/** The Chinese file name travels as RFC 5987 `filename*`, with an ASCII `filename` for old clients. */
function sendPoster(res: Response, type: string, file: PosterFile): void {
  res
    .type(type)
    .setHeader(
      'Content-Disposition',
      `attachment; filename="${file.asciiName}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    )
    .setHeader('Cache-Control', 'private, max-age=300')
    .send(file.body);
}
