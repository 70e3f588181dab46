/** The loop context's routes; see ./index.ts. */
import { route } from '../platform/route';
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
} from '../loop/claims';
import type {
  CallupDto,
  CallupScopeQuery,
  CreateCallupRequest,
  FormCallupGroupsRequest,
  RespondCallupRequest,
} from '../loop/emergency';
import type {
  AcceptNeedRequest,
  CreateNeedRequest,
  FulfilNeedRequest,
  MergeNeedRequest,
  MyNeedListQuery,
  NeedDto,
  NeedDuplicateCheckRequest,
  NeedDuplicateSuggestionDto,
  NeedListQuery,
  NeedPeriodQuery,
  NeedSummaryDto,
  PlusOneResultDto,
  RateNeedRequest,
  RejectNeedRequest,
  ReleaseNeedRequest,
  WithdrawNeedRequest,
} from '../loop/needs';
import type {
  AdjustPointsRequest,
  PointsBalanceDto,
  PointsLedgerEntryDto,
  PointsRankingEntryDto,
  PointsRankingQuery,
  ServiceHoursDto,
} from '../loop/points';
import type { CancelTaskRequest, CreateTaskRequest, MemberFeedQuery, TaskDto, TaskListQuery } from '../loop/tasks';
import type { UploadResultDto } from '../loop/uploads';
import type { NoteRequest, Page } from '../platform/errors';
import type { FileDownload, MultipartFileBody } from '../platform/health';
import type { MusterExportQuery } from '../platform/privacy';

export const LOOP_ROUTES = {
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
} as const;
