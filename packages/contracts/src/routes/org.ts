/** The org context's routes; see ./index.ts. */
import { route } from '../platform/route';
import type { NearbyCommunitiesQuery, NearbyCommunityDto } from '../identity/join';
import type {
  CloseOrgNodeRequest,
  CommunityPublicDto,
  CreateOrgNodeRequest,
  CreatePositionRequest,
  MoveOrgNodeRequest,
  OrgChildrenQuery,
  OrgNodeDto,
  PositionDto,
  PosterQuery,
  UpdateOrgNodeRequest,
  UpdatePositionRequest,
  WorkUnitDirectoryEntryDto,
  WorkUnitSearchQuery,
} from '../org/org';
import type { NoteRequest, Page } from '../platform/errors';
import type { FileDownload, MultipartFileBody } from '../platform/health';
import type { OrgImportReport } from '../org/org-import';

export const ORG_ROUTES = {
  org: {
    roots: route<never, never, OrgNodeDto[]>()('GET', '/api/org/roots'),
    create: route<CreateOrgNodeRequest, never, OrgNodeDto>()('POST', '/api/org/nodes'),
    update: route<UpdateOrgNodeRequest, never, OrgNodeDto>()('PATCH', '/api/org/nodes/:id'),
    children: route<never, OrgChildrenQuery, OrgNodeDto[]>()('GET', '/api/org/nodes/:id/children'),
    move: route<MoveOrgNodeRequest, never, OrgNodeDto>()('POST', '/api/org/nodes/:id/move'),
    close: route<CloseOrgNodeRequest, never, OrgNodeDto>()('POST', '/api/org/nodes/:id/close'),
    reopen: route<NoteRequest, never, OrgNodeDto>()('POST', '/api/org/nodes/:id/reopen'),
    importTemplate: route<never, never, FileDownload>()('GET', '/api/org/nodes/:id/import-template.xlsx'),
    /** 导入组织 (multipart .xlsx): creates the missing streets/communities/grids/units; any error creates nothing. */
    import: route<MultipartFileBody, never, OrgImportReport>()('POST', '/api/org/nodes/:id/import'),
    /** The city-wide unit directory: a member may work in another district than they live in. */
    searchWorkUnits: route<never, WorkUnitSearchQuery, Page<WorkUnitDirectoryEntryDto>>()('GET', '/api/work-units'),
    communityByCode: route<never, never, CommunityPublicDto>()('GET', '/api/communities/by-code/:code'),
    /** Open communities near a point (or all open ones by name): to join one. */
    nearbyCommunities: route<never, NearbyCommunitiesQuery, NearbyCommunityDto[]>()('GET', '/api/communities/nearby'),
    communityProfile: route<never, never, CommunityPublicDto>()('GET', '/api/communities/:id/profile'),
    positions: route<never, never, PositionDto[]>()('GET', '/api/communities/:id/positions'),
    createPosition: route<CreatePositionRequest, never, PositionDto>()('POST', '/api/communities/:id/positions'),
    updatePosition: route<UpdatePositionRequest, never, PositionDto>()('PATCH', '/api/positions/:id'),
    qrcodePng: route<never, never, FileDownload>()('GET', '/api/communities/:id/qrcode.png'),
    qrcodeSvg: route<never, never, FileDownload>()('GET', '/api/communities/:id/qrcode.svg'),
    wxacode: route<never, never, FileDownload>()('GET', '/api/communities/:id/wxacode'),
    /** The printable poster (A4 proportions) with the mini-program code or the H5 QR. */
    posterPng: route<never, PosterQuery, FileDownload>()('GET', '/api/communities/:id/poster.png'),
    /** The same poster as a one-page A4 PDF. */
    posterPdf: route<never, PosterQuery, FileDownload>()('GET', '/api/communities/:id/poster.pdf'),
  },
} as const;
