/**
 * Every API body and query class has exactly the fields of the @sbd/contracts interface it
 * implements: `implements` alone lets an interface carry optional fields the API never accepts
 * (that is how CreateCallupRequest.createTask and four list queries drifted). Checked by the
 * type checker; the test body only keeps jest content.
 */
import type {
  CloseOrgNodeRequest,
  LinkWorkUnitRequest,
  MoveOrgNodeRequest,
  WorkUnitSearchQuery,
  AcceptNeedRequest,
  CheckSmsCodeRequest,
  RecordSubscribeChoicesRequest,
  SendSmsCodeRequest,
  SubscribeChoiceItem,
  SubscribeTemplatesQuery,
  WechatPhoneRequest,
  AdjustPointsRequest,
  ApproveRegistrationRequest,
  AuditEventListQuery,
  BackfillRequest,
  CallupScopeQuery,
  CancelTaskRequest,
  CheckInRequest,
  ClaimListQuery,
  ConsentRequest,
  CreateCallupRequest,
  CreateClaimRequest,
  CreateInvitesRequest,
  CreateNeedRequest,
  CreateOrgNodeRequest,
  CreatePairingItemRequest,
  CreatePairingRequest,
  CreateRoleInvitationRequest,
  CreatePositionRequest,
  CreateTaskRequest,
  DateRangeQuery,
  FormCallupGroupsRequest,
  FreeTimeSlot,
  FulfilNeedRequest,
  InboxQuery,
  ListLimitQuery,
  LoginRequest,
  MarkNotificationsReadRequest,
  MatchWeights,
  MemberFeedQuery,
  MemberRecordsExportQuery,
  MemberRecordsListQuery,
  MergeNeedRequest,
  MyNeedListQuery,
  NeedDuplicateCheckRequest,
  NeedExportQuery,
  NeedListQuery,
  NeedPeriodQuery,
  NodeStatsQuery,
  OrgChildrenQuery,
  PairingItemListQuery,
  PointsRankingQuery,
  PointsRule,
  RateNeedRequest,
  RateServiceRequest,
  RefreshRequest,
  RegistrationExportQuery,
  RegistrationListQuery,
  RejectClaimRequest,
  RejectNeedRequest,
  RejectRegistrationRequest,
  ReleaseNeedRequest,
  ReportYearQuery,
  RespondCallupRequest,
  RosterListQuery,
  RosterUploadQuery,
  SignupRequest,
  SubmitRegistrationRequest,
  TaskExportQuery,
  TaskListQuery,
  UpdateMatchWeightsRequest,
  UpdateOrgNodeRequest,
  UpdatePairingItemRequest,
  UpdatePositionRequest,
  UpdateProfileRequest,
  VerifyClaimRequest,
  WechatLoginRequest,
  WithdrawClaimRequest,
  WithdrawNeedRequest,
  JoinCommunityRequest,
  NearbyCommunitiesQuery,
} from '@sbd/contracts';
import type { AuditEventsQuery } from '../audit/dto/audit-events.query';
import type { LoginDto } from '../../identity/auth/dto/login.dto';
import type { CheckSmsCodeDto, SendSmsCodeDto, WechatPhoneDto } from '../../identity/phone/dto/phone.dtos';
import type {
  RecordSubscribeChoicesDto,
  SubscribeChoiceDto,
  SubscribeTemplatesQueryDto,
} from '../../messaging/subscriptions/dto/subscription.dtos';
import type { RefreshDto } from '../../identity/auth/dto/refresh.dto';
import type { SignupDto } from '../../identity/auth/dto/signup.dto';
import type { WechatLoginDto } from '../../identity/auth/dto/wechat-login.dto';
import type { ApproveRegistrationDto } from '../../identity/registration/dto/approve-registration.dto';
import type { ListRegistrationsQuery } from '../../identity/registration/dto/list-registrations.query';
import type { RejectRegistrationDto } from '../../identity/registration/dto/reject-registration.dto';
import type { FreeTimeSlotDto, SubmitRegistrationDto } from '../../identity/registration/dto/submit-registration.dto';
import type { UpdateProfileDto } from '../../identity/registration/dto/update-profile.dto';
import type { CreatePairingItemDto } from '../../identity/units/dto/create-pairing-item.dto';
import type { CreatePairingDto } from '../../identity/units/dto/create-pairing.dto';
import type { CreateRoleInvitationDto } from '../../identity/staff/dto/create-role-invitation.dto';
import type { ListItemsQuery } from '../../identity/units/dto/list-items.query';
import type { UpdatePairingItemDto } from '../../identity/units/dto/update-pairing-item.dto';
import type { ConsentDto } from '../../identity/users/dto/consent.dto';
import type { JoinCommunityDto } from '../../identity/users/dto/join-community.dto';
import type { NearbyCommunitiesDto } from '../../org/dto/nearby.query';
import type {
  BackfillDto,
  CheckInDto,
  CreateClaimDto,
  ListClaimsQuery,
  RateServiceDto,
  RejectClaimDto,
  VerifyClaimDto,
  WithdrawClaimDto,
} from '../../loop/claims/dto/claim.dtos';
import type {
  CallupListQuery,
  CreateCallupDto,
  FormGroupsDto,
  RespondCallupDto,
} from '../../loop/emergency/dto/emergency.dtos';
import type { CreateNeedDto } from '../../loop/needs/dto/create-need.dto';
import type { DuplicateCheckDto } from '../../loop/needs/dto/duplicate-check.dto';
import type { CommunityNeedsQuery, MyNeedsQuery, NeedSummaryQuery } from '../../loop/needs/dto/list-needs.query';
import type {
  MergeNeedDto,
  NeedNoteDto,
  RateNeedDto,
  RejectNeedDto,
  WithdrawNeedDto,
} from '../../loop/needs/dto/need-actions.dto';
import type { AdjustPointsDto } from '../../loop/points/dto/adjust-points.dto';
import type { RankingQuery } from '../../loop/points/dto/ranking.query';
import type { CancelTaskDto } from '../../loop/tasks/dto/cancel-task.dto';
import type { CreateTaskDto, PointsRuleDto } from '../../loop/tasks/dto/create-task.dto';
import type { ListTasksQuery, TaskFeedQuery } from '../../loop/tasks/dto/list-tasks.query';
import type { InboxQueryDto } from '../../messaging/notifications/dto/inbox.query';
import type { MarkReadDto } from '../../messaging/notifications/dto/mark-read.dto';
import type { CreateOrgNodeDto } from '../../org/dto/create-org-node.dto';
import type { CreatePositionDto } from '../../org/dto/create-position.dto';
import type { ListChildrenQuery } from '../../org/dto/list-children.query';
import type { CloseOrgNodeDto, MoveOrgNodeDto, WorkUnitSearchDto } from '../../org/dto/upkeep.dtos';
import type { LinkWorkUnitDto } from '../../identity/registration/dto/link-work-unit.dto';
import type { UpdateOrgNodeDto } from '../../org/dto/update-org-node.dto';
import type { UpdatePositionDto } from '../../org/dto/update-position.dto';
import type {
  CreateInvitesDto,
  LimitQuery,
  MatchWeightsDto,
  PeriodQuery,
  UpdateMatchWeightsDto,
} from '../../outreach/matching/dto/matching.dtos';
import type {
  ExportNeedsQuery,
  ExportRegistrationsQuery,
  ExportTasksQuery,
} from '../../reporting/exports/dto/export.queries';
import type {
  AnnualReportQuery,
  ListRosterQuery,
  MemberRecordsFilterQuery,
  MemberRecordsQuery,
  UploadRosterQuery,
} from '../../reporting/rosters/dto/roster.dtos';
import type { StatsQuery } from '../../reporting/stats/dto/stats.query';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Same keys, each as optional or required in both, and mutually assignable types. */
type Keys<T> = `${Extract<keyof T, string>}`;
type Conforms<C, I> = Same<Keys<C>, Keys<I>> extends true ? Same<Pick<C, keyof C>, I> : false;
const conforms = <C, I>(ok: Conforms<C, I>): boolean => ok;

describe('API request classes and their contracts', () => {
  it('have the same fields', () => {
    const checks = [
      conforms<UpdateProfileDto, UpdateProfileRequest>(true),
      conforms<FreeTimeSlotDto, FreeTimeSlot>(true),
      conforms<SubmitRegistrationDto, SubmitRegistrationRequest>(true),
      conforms<ApproveRegistrationDto, ApproveRegistrationRequest>(true),
      conforms<RejectRegistrationDto, RejectRegistrationRequest>(true),
      conforms<ListRegistrationsQuery, RegistrationListQuery>(true),
      conforms<ConsentDto, ConsentRequest>(true),
      conforms<JoinCommunityDto, JoinCommunityRequest>(true),
      conforms<NearbyCommunitiesDto, NearbyCommunitiesQuery>(true),
      conforms<WechatLoginDto, WechatLoginRequest>(true),
      conforms<LoginDto, LoginRequest>(true),
      conforms<RefreshDto, RefreshRequest>(true),
      conforms<SignupDto, SignupRequest>(true),
      conforms<CreatePairingItemDto, CreatePairingItemRequest>(true),
      conforms<CreatePairingDto, CreatePairingRequest>(true),
      conforms<CreateRoleInvitationDto, CreateRoleInvitationRequest>(true),
      conforms<UpdatePairingItemDto, UpdatePairingItemRequest>(true),
      conforms<ListItemsQuery, PairingItemListQuery>(true),
      conforms<StatsQuery, NodeStatsQuery>(true),
      conforms<UploadRosterQuery, RosterUploadQuery>(true),
      conforms<ListRosterQuery, RosterListQuery>(true),
      conforms<MemberRecordsFilterQuery, MemberRecordsExportQuery>(true),
      conforms<MemberRecordsQuery, MemberRecordsListQuery>(true),
      conforms<AnnualReportQuery, ReportYearQuery>(true),
      conforms<ExportRegistrationsQuery, RegistrationExportQuery>(true),
      conforms<ExportNeedsQuery, NeedExportQuery>(true),
      conforms<ExportTasksQuery, TaskExportQuery>(true),
      conforms<CreatePositionDto, CreatePositionRequest>(true),
      conforms<ListChildrenQuery, OrgChildrenQuery>(true),
      conforms<MoveOrgNodeDto, MoveOrgNodeRequest>(true),
      conforms<CloseOrgNodeDto, CloseOrgNodeRequest>(true),
      conforms<WorkUnitSearchDto, WorkUnitSearchQuery>(true),
      conforms<LinkWorkUnitDto, LinkWorkUnitRequest>(true),
      conforms<CreateOrgNodeDto, CreateOrgNodeRequest>(true),
      conforms<UpdateOrgNodeDto, UpdateOrgNodeRequest>(true),
      conforms<UpdatePositionDto, UpdatePositionRequest>(true),
      conforms<CreateInvitesDto, CreateInvitesRequest>(true),
      conforms<MatchWeightsDto, Partial<MatchWeights>>(true),
      conforms<UpdateMatchWeightsDto, UpdateMatchWeightsRequest>(true),
      conforms<LimitQuery, ListLimitQuery>(true),
      conforms<PeriodQuery, DateRangeQuery>(true),
      conforms<MarkReadDto, MarkNotificationsReadRequest>(true),
      conforms<InboxQueryDto, InboxQuery>(true),
      conforms<PointsRuleDto, PointsRule>(true),
      conforms<CreateTaskDto, CreateTaskRequest>(true),
      conforms<ListTasksQuery, TaskListQuery>(true),
      conforms<TaskFeedQuery, MemberFeedQuery>(true),
      conforms<CancelTaskDto, CancelTaskRequest>(true),
      conforms<CreateCallupDto, CreateCallupRequest>(true),
      conforms<RespondCallupDto, RespondCallupRequest>(true),
      conforms<FormGroupsDto, FormCallupGroupsRequest>(true),
      conforms<CallupListQuery, CallupScopeQuery>(true),
      conforms<AdjustPointsDto, AdjustPointsRequest>(true),
      conforms<RankingQuery, PointsRankingQuery>(true),
      conforms<CreateClaimDto, CreateClaimRequest>(true),
      conforms<WithdrawClaimDto, WithdrawClaimRequest>(true),
      conforms<CheckInDto, CheckInRequest>(true),
      conforms<VerifyClaimDto, VerifyClaimRequest>(true),
      conforms<RejectClaimDto, RejectClaimRequest>(true),
      conforms<RateServiceDto, RateServiceRequest>(true),
      conforms<BackfillDto, BackfillRequest>(true),
      conforms<ListClaimsQuery, ClaimListQuery>(true),
      conforms<CreateNeedDto, CreateNeedRequest>(true),
      conforms<NeedNoteDto, ReleaseNeedRequest>(true),
      conforms<NeedNoteDto, AcceptNeedRequest>(true),
      conforms<NeedNoteDto, FulfilNeedRequest>(true),
      conforms<RejectNeedDto, RejectNeedRequest>(true),
      conforms<MergeNeedDto, MergeNeedRequest>(true),
      conforms<WithdrawNeedDto, WithdrawNeedRequest>(true),
      conforms<RateNeedDto, RateNeedRequest>(true),
      conforms<DuplicateCheckDto, NeedDuplicateCheckRequest>(true),
      conforms<MyNeedsQuery, MyNeedListQuery>(true),
      conforms<CommunityNeedsQuery, NeedListQuery>(true),
      conforms<NeedSummaryQuery, NeedPeriodQuery>(true),
      conforms<AuditEventsQuery, AuditEventListQuery>(true),
      conforms<WechatPhoneDto, WechatPhoneRequest>(true),
      conforms<SendSmsCodeDto, SendSmsCodeRequest>(true),
      conforms<CheckSmsCodeDto, CheckSmsCodeRequest>(true),
      conforms<SubscribeTemplatesQueryDto, SubscribeTemplatesQuery>(true),
      conforms<SubscribeChoiceDto, SubscribeChoiceItem>(true),
      conforms<RecordSubscribeChoicesDto, RecordSubscribeChoicesRequest>(true),
    ];
    expect(checks.every(Boolean)).toBe(true);
  });
});
