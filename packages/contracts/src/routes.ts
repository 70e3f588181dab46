/**
 * Every route of the API: method, path and the types of its body, query and response, one table
 * for the API's tests and the mini-program. apps/api/test/e2e/route-table.e2e.spec.ts checks that
 * the routes Nest registers are exactly these (both ways).
 */
import { route } from './platform/route';
import type {
  ConsentRequest,
  LoginRequest,
  LoginResponse,
  MeDto,
  PrivacyNoticeDto,
  RefreshRequest,
  SignupAcceptedResponse,
  SignupRequest,
  TokenPair,
  WechatLoginRequest,
} from './identity/auth';
import type {
  ApproveRegistrationRequest,
  BranchMemberDto,
  LinkWorkUnitRequest,
  CardVerificationDto,
  LiveCardCheckDto,
  LiveCardCodeDto,
  ECardDto,
  RegistrationDto,
  RegistrationExportQuery,
  RegistrationListQuery,
  RejectRegistrationRequest,
  SubmitRegistrationRequest,
  UpdateProfileRequest,
} from './identity/registration';
import type {
  CheckSmsCodeRequest,
  SendSmsCodeRequest,
  SmsCodeSentDto,
  VerifiedPhoneDto,
  WechatPhoneRequest,
} from './identity/phone';
import type {
  CreatePairingItemRequest,
  CreatePairingRequest,
  PairingDto,
  PairingItemDto,
  PairingItemListQuery,
  UpdatePairingItemRequest,
} from './identity/units';
import type { JoinCommunityRequest, NearbyCommunitiesQuery, NearbyCommunityDto } from './identity/join';
import type { MeNextDto } from './loop/next';
import type { CreateRoleInvitationRequest, NodeStaffDto, RoleInvitationDto } from './identity/staff';
import type {
  BackfillRequest,
  BackfillResultDto,
  CheckInRequest,
  CheckOutRequest,
  CheckinCodeDto,
  ClaimDto,
  ClaimListQuery,
  CommunityClaimListQuery,
  ConfirmClaimRequest,
  CreateClaimRequest,
  MarkNoShowRequest,
  RateServiceRequest,
  RejectClaimRequest,
  VerifyClaimRequest,
  WithdrawClaimRequest,
} from './loop/claims';
import type {
  CallupDto,
  CallupScopeQuery,
  CreateCallupRequest,
  FormCallupGroupsRequest,
  RespondCallupRequest,
} from './loop/emergency';
import type {
  AcceptNeedRequest,
  CreateNeedRequest,
  FulfilNeedRequest,
  MergeNeedRequest,
  MyNeedListQuery,
  NeedDto,
  NeedDuplicateCheckRequest,
  NeedDuplicateSuggestionDto,
  NeedExportQuery,
  NeedListQuery,
  NeedPeriodQuery,
  NeedSummaryDto,
  PlusOneResultDto,
  RateNeedRequest,
  RejectNeedRequest,
  ReleaseNeedRequest,
  WithdrawNeedRequest,
} from './loop/needs';
import type {
  AdjustPointsRequest,
  PointsBalanceDto,
  PointsLedgerEntryDto,
  PointsRankingEntryDto,
  PointsRankingQuery,
  ServiceHoursDto,
} from './loop/points';
import type {
  CancelTaskRequest,
  CreateTaskRequest,
  MemberFeedQuery,
  TaskDto,
  TaskExportQuery,
  TaskListQuery,
} from './loop/tasks';
import type { UploadResultDto } from './loop/uploads';
import type {
  InboxQuery,
  InboxSummaryDto,
  MarkNotificationsReadRequest,
  NotificationDto,
} from './messaging/notifications';
import type {
  RecordSubscribeChoicesRequest,
  SubscribeTemplatesDto,
  SubscribeTemplatesQuery,
  SubscriptionDto,
} from './messaging/subscriptions';
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
} from './org/org';
import type { OrgImportReport } from './org/org-import';
import type {
  CreateInvitesRequest,
  DateRangeQuery,
  InviteCandidateDto,
  ListLimitQuery,
  MatchWeights,
  RecommendationStatsDto,
  TaskInviteDto,
  TaskRecommendationDto,
  UpdateMatchWeightsRequest,
} from './outreach/matching';
import type { AuditEventDto, AuditEventListQuery } from './platform/audit';
import type { NoteRequest, Page } from './platform/errors';
import type { FileDownload, HealthDto, MultipartFileBody } from './platform/health';
import type { MusterExportQuery, PiiRevealDto, PiiRevealRequest } from './platform/privacy';
import type {
  AnnualReportDto,
  MemberRecordsExportQuery,
  MemberRecordsListQuery,
  MemberRecordsPage,
  ReportYearQuery,
  RosterEntryDto,
  RosterImportReport,
  RosterListQuery,
  RosterUploadQuery,
} from './reporting/rosters';
import type { NodeStatsQuery, RollupRebuildDto, ScreenDto, StatsDto } from './reporting/stats';

export const ROUTES = {
  auth: {
    signup: route<SignupRequest, never, SignupAcceptedResponse>()('POST', '/api/auth/signup'),
    login: route<LoginRequest, never, LoginResponse>()('POST', '/api/auth/login'),
    wechat: route<WechatLoginRequest, never, LoginResponse>()('POST', '/api/auth/wechat'),
    refresh: route<RefreshRequest, never, TokenPair>()('POST', '/api/auth/refresh'),
    logout: route<RefreshRequest, never, void>()('POST', '/api/auth/logout'),
  },
  users: {
    me: route<never, never, MeDto>()('GET', '/api/me'),
    consent: route<ConsentRequest, never, MeDto>()('POST', '/api/me/consent'),
    deleteMe: route<never, never, void>()('DELETE', '/api/me'),
    privacyNotice: route<never, never, PrivacyNoticeDto>()('GET', '/api/privacy-notice'),
    /** A resident joins a community: by the poster's code or a nearby community's id. */
    joinCommunity: route<JoinCommunityRequest, never, MeDto>()('POST', '/api/me/community'),
    /** What the home page says comes next, for every role of the caller. */
    next: route<never, never, MeNextDto>()('GET', '/api/me/next'),
  },
  registrations: {
    submit: route<SubmitRegistrationRequest, never, RegistrationDto>()('POST', '/api/registrations'),
    mine: route<never, never, RegistrationDto>()('GET', '/api/registrations/me'),
    updateMine: route<UpdateProfileRequest, never, RegistrationDto>()('PATCH', '/api/registrations/me'),
    card: route<never, never, ECardDto>()('GET', '/api/registrations/me/card'),
    verifyCard: route<never, never, CardVerificationDto>()('GET', '/api/cards/:cardNo'),
    /** The e-card's current live code (a fresh one every LIVE_CARD_CODE_SECONDS). */
    liveCode: route<never, never, LiveCardCodeDto>()('GET', '/api/registrations/me/card/live-code'),
    /** Staff scan a live code: the member's verified identity, for staff of the member's community or above. */
    checkLiveCard: route<never, never, LiveCardCheckDto>()('GET', '/api/cards/live/:code'),
    ofCommunity: route<never, RegistrationListQuery, Page<RegistrationDto>>()(
      'GET',
      '/api/communities/:id/registrations',
    ),
    ofUnit: route<never, RegistrationListQuery, Page<RegistrationDto>>()('GET', '/api/units/:id/members'),
    ofBranch: route<never, never, BranchMemberDto[]>()('GET', '/api/branches/:id/members'),
    get: route<never, never, RegistrationDto>()('GET', '/api/registrations/:id'),
    approve: route<ApproveRegistrationRequest, never, RegistrationDto>()('POST', '/api/registrations/:id/approve'),
    reject: route<RejectRegistrationRequest, never, RegistrationDto>()('POST', '/api/registrations/:id/reject'),
    linkWorkUnit: route<LinkWorkUnitRequest, never, RegistrationDto>()('POST', '/api/registrations/:id/work-unit'),
  },
  phone: {
    /** weapp: the getPhoneNumber button's code, exchanged with WeChat. */
    wechat: route<WechatPhoneRequest, never, VerifiedPhoneDto>()('POST', '/api/phone-verifications/wechat'),
    /** H5: send a 6-digit code by SMS. */
    sendSmsCode: route<SendSmsCodeRequest, never, SmsCodeSentDto>()('POST', '/api/phone-verifications/sms-codes'),
    /** H5: the code from the SMS. */
    checkSmsCode: route<CheckSmsCodeRequest, never, VerifiedPhoneDto>()('POST', '/api/phone-verifications/sms'),
  },
  units: {
    pair: route<CreatePairingRequest, never, PairingDto>()('POST', '/api/units/:id/pairings'),
    pairingsOfUnit: route<never, never, PairingDto[]>()('GET', '/api/units/:id/pairings'),
    pairingsOfCommunity: route<never, never, PairingDto[]>()('GET', '/api/communities/:id/pairings'),
    items: route<never, PairingItemListQuery, PairingItemDto[]>()('GET', '/api/pairings/:id/items'),
    addItem: route<CreatePairingItemRequest, never, PairingItemDto>()('POST', '/api/pairings/:id/items'),
    updateItem: route<UpdatePairingItemRequest, never, PairingItemDto>()('PATCH', '/api/pairing-items/:id'),
  },
  staff: {
    /** 任命: offer a staff role over a node to a phone number. */
    invite: route<CreateRoleInvitationRequest, never, RoleInvitationDto>()('POST', '/api/role-invitations'),
    /** The caller's pending invitations (to phones they proved). */
    mine: route<never, never, RoleInvitationDto[]>()('GET', '/api/role-invitations'),
    accept: route<NoteRequest, never, RoleInvitationDto>()('POST', '/api/role-invitations/:id/accept'),
    decline: route<NoteRequest, never, RoleInvitationDto>()('POST', '/api/role-invitations/:id/decline'),
    ofNode: route<never, never, NodeStaffDto>()('GET', '/api/nodes/:id/staff'),
    /** Removes a role grant; the last admin of a node cannot be removed. */
    revoke: route<never, never, void>()('DELETE', '/api/role-grants/:id'),
  },
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
  inbox: {
    list: route<never, InboxQuery, Page<NotificationDto>>()('GET', '/api/inbox'),
    summary: route<never, never, InboxSummaryDto>()('GET', '/api/inbox/summary'),
    read: route<MarkNotificationsReadRequest, never, InboxSummaryDto>()('POST', '/api/inbox/read'),
  },
  subscriptions: {
    /** The template ids to request (Taro.requestSubscribeMessage) at a moment. */
    templates: route<never, SubscribeTemplatesQuery, SubscribeTemplatesDto>()('GET', '/api/subscriptions/templates'),
    /** Records what the user chose for each template. */
    record: route<RecordSubscribeChoicesRequest, never, SubscriptionDto[]>()('POST', '/api/subscriptions/choices'),
    /** The caller's standing with every configured template. */
    mine: route<never, never, SubscriptionDto[]>()('GET', '/api/subscriptions'),
  },
  needs: {
    create: route<CreateNeedRequest, never, NeedDto>()('POST', '/api/needs'),
    duplicates: route<NeedDuplicateCheckRequest, never, NeedDuplicateSuggestionDto[]>()(
      'POST',
      '/api/needs/duplicates',
    ),
    mine: route<never, MyNeedListQuery, Page<NeedDto>>()('GET', '/api/needs/mine'),
    get: route<never, never, NeedDto>()('GET', '/api/needs/:id'),
    release: route<ReleaseNeedRequest, never, NeedDto>()('POST', '/api/needs/:id/release'),
    accept: route<AcceptNeedRequest, never, NeedDto>()('POST', '/api/needs/:id/accept'),
    reject: route<RejectNeedRequest, never, NeedDto>()('POST', '/api/needs/:id/reject'),
    merge: route<MergeNeedRequest, never, NeedDto>()('POST', '/api/needs/:id/merge'),
    withdraw: route<WithdrawNeedRequest, never, NeedDto>()('POST', '/api/needs/:id/withdraw'),
    fulfil: route<FulfilNeedRequest, never, NeedDto>()('POST', '/api/needs/:id/fulfil'),
    rate: route<RateNeedRequest, never, NeedDto>()('POST', '/api/needs/:id/rate'),
    plusOne: route<NoteRequest, never, PlusOneResultDto>()('POST', '/api/needs/:id/plus-one'),
    ofCommunity: route<never, NeedListQuery, Page<NeedDto>>()('GET', '/api/communities/:id/needs'),
    summary: route<never, NeedPeriodQuery, NeedSummaryDto>()('GET', '/api/communities/:id/needs/summary'),
  },
  tasks: {
    create: route<CreateTaskRequest, never, TaskDto>()('POST', '/api/tasks'),
    feed: route<never, MemberFeedQuery, Page<TaskDto>>()('GET', '/api/tasks/feed'),
    ofCommunity: route<never, TaskListQuery, Page<TaskDto>>()('GET', '/api/communities/:id/tasks'),
    get: route<never, never, TaskDto>()('GET', '/api/tasks/:id'),
    publish: route<NoteRequest, never, TaskDto>()('POST', '/api/tasks/:id/publish'),
    start: route<NoteRequest, never, TaskDto>()('POST', '/api/tasks/:id/start'),
    complete: route<NoteRequest, never, TaskDto>()('POST', '/api/tasks/:id/complete'),
    close: route<NoteRequest, never, TaskDto>()('POST', '/api/tasks/:id/close'),
    cancel: route<CancelTaskRequest, never, TaskDto>()('POST', '/api/tasks/:id/cancel'),
    checkinCode: route<never, never, CheckinCodeDto>()('GET', '/api/tasks/:id/checkin-code'),
  },
  claims: {
    /** One claim for a member, a list when a branch secretary claims for several. */
    create: route<CreateClaimRequest, never, ClaimDto | ClaimDto[]>()('POST', '/api/claims'),
    mine: route<never, ClaimListQuery, Page<ClaimDto>>()('GET', '/api/claims/mine'),
    forTask: route<never, ClaimListQuery, Page<ClaimDto>>()('GET', '/api/tasks/:id/claims'),
    /** Staff's 服务核验 list: the community's claims, by task, status and period. */
    ofCommunity: route<never, CommunityClaimListQuery, Page<ClaimDto>>()('GET', '/api/communities/:id/claims'),
    get: route<never, never, ClaimDto>()('GET', '/api/claims/:id'),
    withdraw: route<WithdrawClaimRequest, never, ClaimDto>()('POST', '/api/claims/:id/withdraw'),
    confirm: route<ConfirmClaimRequest, never, ClaimDto>()('POST', '/api/claims/:id/confirm'),
    checkIn: route<CheckInRequest, never, ClaimDto>()('POST', '/api/claims/:id/check-in'),
    checkOut: route<CheckOutRequest, never, ClaimDto>()('POST', '/api/claims/:id/check-out'),
    verify: route<VerifyClaimRequest, never, ClaimDto>()('POST', '/api/claims/:id/verify'),
    reject: route<RejectClaimRequest, never, ClaimDto>()('POST', '/api/claims/:id/reject'),
    noShow: route<MarkNoShowRequest, never, ClaimDto>()('POST', '/api/claims/:id/no-show'),
    rate: route<RateServiceRequest, never, ClaimDto>()('POST', '/api/claims/:id/rating'),
    backfill: route<BackfillRequest, never, BackfillResultDto>()('POST', '/api/backfills'),
  },
  points: {
    myBalance: route<never, never, PointsBalanceDto>()('GET', '/api/me/points'),
    myLedger: route<never, ClaimListQuery, Page<PointsLedgerEntryDto>>()('GET', '/api/me/points/ledger'),
    myHours: route<never, never, ServiceHoursDto>()('GET', '/api/me/hours'),
    balance: route<never, never, PointsBalanceDto>()('GET', '/api/members/:id/points'),
    hours: route<never, never, ServiceHoursDto>()('GET', '/api/members/:id/hours'),
    ranking: route<never, PointsRankingQuery, PointsRankingEntryDto[]>()('GET', '/api/points/ranking'),
    adjust: route<AdjustPointsRequest, never, PointsLedgerEntryDto>()('POST', '/api/points/adjustments'),
  },
  callups: {
    create: route<CreateCallupRequest, never, CallupDto>()('POST', '/api/callups'),
    list: route<never, CallupScopeQuery, CallupDto[]>()('GET', '/api/callups'),
    mine: route<never, never, CallupDto[]>()('GET', '/api/callups/mine'),
    get: route<never, never, CallupDto>()('GET', '/api/callups/:id'),
    respond: route<RespondCallupRequest, never, CallupDto>()('POST', '/api/callups/:id/respond'),
    groups: route<FormCallupGroupsRequest, never, CallupDto>()('POST', '/api/callups/:id/groups'),
    close: route<NoteRequest, never, CallupDto>()('POST', '/api/callups/:id/close'),
    muster: route<never, MusterExportQuery, FileDownload>()('GET', '/api/callups/:id/muster.xlsx'),
  },
  uploads: {
    upload: route<MultipartFileBody, never, UploadResultDto>()('POST', '/api/uploads'),
    get: route<never, never, FileDownload>()('GET', '/api/uploads/:id'),
  },
  matching: {
    recommendations: route<never, ListLimitQuery, TaskRecommendationDto[]>()('GET', '/api/recommendations/tasks'),
    inviteCandidates: route<never, ListLimitQuery, InviteCandidateDto[]>()('GET', '/api/tasks/:id/invite-candidates'),
    invite: route<CreateInvitesRequest, never, TaskInviteDto[]>()('POST', '/api/tasks/:id/invites'),
    invites: route<never, never, TaskInviteDto[]>()('GET', '/api/tasks/:id/invites'),
    decline: route<NoteRequest, never, TaskInviteDto>()('POST', '/api/invites/:id/decline'),
    weights: route<never, never, MatchWeights>()('GET', '/api/communities/:id/matching-weights'),
    setWeights: route<UpdateMatchWeightsRequest, never, MatchWeights>()('PUT', '/api/communities/:id/matching-weights'),
    stats: route<never, DateRangeQuery, RecommendationStatsDto>()('GET', '/api/communities/:id/recommendation-stats'),
  },
  stats: {
    node: route<never, NodeStatsQuery, StatsDto>()('GET', '/api/stats/nodes/:id'),
    nodeExport: route<never, NodeStatsQuery, FileDownload>()('GET', '/api/stats/nodes/:id/export.xlsx'),
    screen: route<never, NodeStatsQuery, ScreenDto>()('GET', '/api/stats/nodes/:id/screen'),
    rebuildRollups: route<never, never, RollupRebuildDto>()('POST', '/api/stats/rollups/rebuild'),
  },
  rosters: {
    template: route<never, never, FileDownload>()('GET', '/api/units/:id/roster/template.xlsx'),
    upload: route<MultipartFileBody, RosterUploadQuery, RosterImportReport>()('POST', '/api/units/:id/roster'),
    list: route<never, RosterListQuery, Page<RosterEntryDto>>()('GET', '/api/units/:id/roster'),
    memberRecords: route<never, MemberRecordsListQuery, MemberRecordsPage>()('GET', '/api/units/:id/member-records'),
    memberRecordsExport: route<never, MemberRecordsExportQuery, FileDownload>()(
      'GET',
      '/api/units/:id/member-records/export.xlsx',
    ),
    annualReport: route<never, ReportYearQuery, AnnualReportDto>()(
      'GET',
      '/api/units/:id/members/:userId/annual-report',
    ),
    annualReportXlsx: route<never, ReportYearQuery, FileDownload>()(
      'GET',
      '/api/units/:id/members/:userId/annual-report.xlsx',
    ),
    annualReportHtml: route<never, ReportYearQuery, string>()(
      'GET',
      '/api/units/:id/members/:userId/annual-report.html',
    ),
  },
  exports: {
    registrations: route<never, RegistrationExportQuery, FileDownload>()(
      'GET',
      '/api/communities/:id/registrations/export.xlsx',
    ),
    needs: route<never, NeedExportQuery, FileDownload>()('GET', '/api/communities/:id/needs/export.xlsx'),
    tasks: route<never, TaskExportQuery, FileDownload>()('GET', '/api/communities/:id/tasks/export.xlsx'),
  },
  privacy: {
    /** 查看完整号码: the full number, for staff whose scope covers the object; audited. */
    reveal: route<PiiRevealRequest, never, PiiRevealDto>()('POST', '/api/pii-reveals'),
  },
  audit: {
    /** Read only: the audit log has no route that changes or deletes a row. */
    list: route<never, AuditEventListQuery, Page<AuditEventDto>>()('GET', '/api/audit-events'),
  },
  health: {
    live: route<never, never, HealthDto>()('GET', '/health/live'),
    ready: route<never, never, HealthDto>()('GET', '/health/ready'),
  },
} as const;

export type Routes = typeof ROUTES;
