/** Org tree node types (DOMAIN §3). Territory and party side share one tree. */
export enum OrgNodeType {
  District = 'district',
  Street = 'street',
  Community = 'community',
  Grid = 'grid',
  Building = 'building',
  PartyCommittee = 'party_committee',
  FunctionalBranch = 'functional_branch',
  PartyGroup = 'party_group',
  WorkUnit = 'work_unit',
  UnitPartyOrg = 'unit_party_org',
}

export const ORG_NODE_TYPE_LABELS: Record<OrgNodeType, string> = {
  [OrgNodeType.District]: '区/县',
  [OrgNodeType.Street]: '街道',
  [OrgNodeType.Community]: '社区',
  [OrgNodeType.Grid]: '网格',
  [OrgNodeType.Building]: '小区/楼栋',
  [OrgNodeType.PartyCommittee]: '社区大党委',
  [OrgNodeType.FunctionalBranch]: '功能型党支部',
  [OrgNodeType.PartyGroup]: '党小组',
  [OrgNodeType.WorkUnit]: '单位',
  [OrgNodeType.UnitPartyOrg]: '单位党组织',
};

/** Which node types may hang under which parent type. */
export const ORG_ALLOWED_PARENTS: Record<OrgNodeType, OrgNodeType[]> = {
  [OrgNodeType.District]: [],
  [OrgNodeType.Street]: [OrgNodeType.District],
  [OrgNodeType.Community]: [OrgNodeType.Street],
  [OrgNodeType.Grid]: [OrgNodeType.Community],
  [OrgNodeType.Building]: [OrgNodeType.Grid, OrgNodeType.Community],
  [OrgNodeType.PartyCommittee]: [OrgNodeType.Community],
  [OrgNodeType.FunctionalBranch]: [OrgNodeType.Community, OrgNodeType.PartyCommittee],
  [OrgNodeType.PartyGroup]: [OrgNodeType.Grid, OrgNodeType.FunctionalBranch],
  [OrgNodeType.WorkUnit]: [OrgNodeType.District],
  [OrgNodeType.UnitPartyOrg]: [OrgNodeType.WorkUnit],
};

export interface OrgNodeDto {
  id: number;
  type: OrgNodeType;
  name: string;
  code: string | null;
  parentId: number | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  /** ISO time the node was closed (撤销); null while open. Closed nodes keep their history in the numbers. */
  closedAt: string | null;
  children?: OrgNodeDto[];
}

export interface CreateOrgNodeRequest {
  type: OrgNodeType;
  name: string;
  parentId?: number;
  code?: string;
  address?: string;
  latitude?: number;
  longitude?: number;
}

export interface UpdateOrgNodeRequest {
  name?: string;
  address?: string;
  latitude?: number;
  longitude?: number;
}

/** The eight default position classes of seed 003 (岗位式服务). */
export const DEFAULT_POSITION_CLASSES = [
  { code: 'policy', name: '政策宣传' },
  { code: 'legal', name: '法律援助' },
  { code: 'assistance', name: '帮扶助困' },
  { code: 'civility', name: '文明劝导' },
  { code: 'environment', name: '环境整治' },
  { code: 'patrol', name: '治安巡逻' },
  { code: 'culture', name: '文体活动' },
  { code: 'health', name: '医疗健康' },
] as const;

export interface PositionDto {
  id: number;
  communityId: number;
  code: string;
  name: string;
  description: string | null;
  active: boolean;
  sortOrder: number;
}

export interface CreatePositionRequest {
  code: string;
  name: string;
  description?: string;
  sortOrder?: number;
}

export interface UpdatePositionRequest {
  name?: string;
  description?: string;
  active?: boolean;
  sortOrder?: number;
}

/** What anyone may read about a community from its QR code. */
export interface CommunityPublicDto {
  id: number;
  code: string;
  name: string;
  streetName: string | null;
  districtName: string | null;
  address: string | null;
  positions: PositionDto[];
  buildings: { id: number; name: string; gridId: number | null }[];
  workUnits: { id: number; name: string }[];
}

/** The H5 page a community's QR code opens; the community code travels as `?community=`. */
export const REGISTER_PAGE_PATH = 'packageMember/pages/register/index';
export const REGISTER_COMMUNITY_PARAM = 'community';

/**
 * The code printed on a community's poster: WeChat's mini-program code (getwxacodeunlimit, the
 * community code as `scene`; opens the register page in the mini-program), or a plain QR of the
 * H5 registration address (labelled 网页版 on the poster).
 */
export enum PosterKind {
  Wxacode = 'wxacode',
  Url = 'url',
}

/** GET /api/communities/:id/poster.png and poster.pdf */
export interface PosterQuery {
  /** Default: wxacode. */
  kind?: PosterKind;
}

/** GET /api/org/nodes/:id/children */
export interface OrgChildrenQuery {
  type?: OrgNodeType;
  /** 'true': closed nodes too (the console's tree); by default only open ones (pickers). */
  includeClosed?: 'true' | 'false';
}

/** Node types that can be moved, closed and reopened (组织维护). */
export const ORG_UPKEEP_TYPES: readonly OrgNodeType[] = [
  OrgNodeType.Street,
  OrgNodeType.Community,
  OrgNodeType.Grid,
  OrgNodeType.WorkUnit,
];

/** POST /api/org/nodes/:id/move: the node and its whole subtree go under `parentId`. */
export interface MoveOrgNodeRequest {
  parentId: number;
}

/** POST /api/org/nodes/:id/close: a closed node leaves the pickers but stays in past numbers. */
export interface CloseOrgNodeRequest {
  reason?: string;
}

/** GET /api/work-units: the city-wide unit directory, searched by name (at least 2 characters). */
export interface WorkUnitSearchQuery {
  q: string;
  cursor?: string;
  limit?: number;
}

/** One work unit of the directory, with its district so same-named units can be told apart. */
export interface WorkUnitDirectoryEntryDto {
  id: number;
  name: string;
  districtId: number | null;
  districtName: string | null;
}
