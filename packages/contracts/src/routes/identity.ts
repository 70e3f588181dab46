/** The identity context's routes; see ./index.ts. */
import { route } from '../platform/route';
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
} from '../identity/auth';
import type {
  ApproveRegistrationRequest,
  BranchMemberDto,
  LinkWorkUnitRequest,
  CardVerificationDto,
  LiveCardCheckDto,
  LiveCardCodeDto,
  ECardDto,
  RegistrationDto,
  RegistrationListQuery,
  RejectRegistrationRequest,
  SubmitRegistrationRequest,
  UpdateProfileRequest,
} from '../identity/registration';
import type {
  CheckSmsCodeRequest,
  SendSmsCodeRequest,
  SmsCodeSentDto,
  VerifiedPhoneDto,
  WechatPhoneRequest,
} from '../identity/phone';
import type {
  CreatePairingItemRequest,
  CreatePairingRequest,
  PairingDto,
  PairingItemDto,
  PairingItemListQuery,
  UpdatePairingItemRequest,
} from '../identity/units';
import type { JoinCommunityRequest } from '../identity/join';
import type { MeNextDto } from '../loop/next';
import type { CreateRoleInvitationRequest, NodeStaffDto, RoleInvitationDto } from '../identity/staff';
import type { NoteRequest, Page } from '../platform/errors';

export const IDENTITY_ROUTES = {
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
    /** Withdraws a pending invitation; for admins who may appoint its role over its node. */
    cancel: route<NoteRequest, never, RoleInvitationDto>()('POST', '/api/role-invitations/:id/cancel'),
    ofNode: route<never, never, NodeStaffDto>()('GET', '/api/nodes/:id/staff'),
    /** Removes a role grant; the last admin of a node cannot be removed. */
    revoke: route<never, never, void>()('DELETE', '/api/role-grants/:id'),
  },
} as const;
