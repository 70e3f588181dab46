import { AuditEventEntity } from './platform/audit/entities/audit-event.entity';
import { RefreshTokenEntity } from './identity/auth/entities/refresh-token.entity';
import { BackfillEntity } from './loop/claims/entities/backfill.entity';
import { ClaimEntity } from './loop/claims/entities/claim.entity';
import { RatingEntity } from './loop/needs/entities/rating.entity';
import { EmergencyCallupEntity } from './loop/emergency/entities/emergency-callup.entity';
import { EmergencyResponseEntity } from './loop/emergency/entities/emergency-response.entity';
import { MatchWeightsEntity } from './outreach/matching/entities/match-weights.entity';
import { TaskInviteEntity } from './outreach/matching/entities/task-invite.entity';
import { NeedPlusOneEntity } from './loop/needs/entities/need-plus-one.entity';
import { NeedEntity } from './loop/needs/entities/need.entity';
import { NotificationEntity } from './messaging/notifications/entities/notification.entity';
import { SubscriptionGrantEntity } from './messaging/subscriptions/entities/subscription-grant.entity';
import { PhoneVerificationEntity } from './identity/phone/entities/phone-verification.entity';
import { SmsCodeEntity } from './identity/phone/entities/sms-code.entity';
import { OrgNodeEntity } from './org/entities/org-node.entity';
import { PositionEntity } from './org/entities/position.entity';
import { PointsEntryEntity } from './loop/points/entities/points-entry.entity';
import { RegistrationPositionEntity } from './identity/registration/entities/registration-position.entity';
import { RegistrationEntity } from './identity/registration/entities/registration.entity';
import { RosterEntryEntity } from './reporting/rosters/entities/roster-entry.entity';
import { RosterDecisionEntity } from './reporting/rosters/entities/roster-decision.entity';
import { UnitRosterEntity } from './reporting/rosters/entities/unit-roster.entity';
import { TaskBranchEntity } from './loop/tasks/entities/task-branch.entity';
import { TaskNeedEntity } from './loop/needs/entities/task-need.entity';
import { TaskPositionEntity } from './loop/tasks/entities/task-position.entity';
import { TaskEntity } from './loop/tasks/entities/task.entity';
import { PairingItemEntity } from './identity/units/entities/pairing-item.entity';
import { UnitPairingEntity } from './identity/units/entities/unit-pairing.entity';
import { UploadEntity } from './loop/uploads/entities/upload.entity';
import { ConsentEntity } from './identity/users/entities/consent.entity';
import { RoleInvitationEntity } from './identity/staff/entities/role-invitation.entity';
import { UserRoleEntity } from './identity/users/entities/user-role.entity';
import { UserEntity } from './identity/users/entities/user.entity';

export const ENTITIES = [
  OrgNodeEntity,
  PositionEntity,
  UserEntity,
  UserRoleEntity,
  RoleInvitationEntity,
  ConsentEntity,
  RefreshTokenEntity,
  RegistrationEntity,
  RegistrationPositionEntity,
  UnitPairingEntity,
  PairingItemEntity,
  UploadEntity,
  NeedEntity,
  NeedPlusOneEntity,
  TaskEntity,
  TaskNeedEntity,
  TaskBranchEntity,
  TaskPositionEntity,
  ClaimEntity,
  BackfillEntity,
  RatingEntity,
  PointsEntryEntity,
  NotificationEntity,
  SubscriptionGrantEntity,
  PhoneVerificationEntity,
  SmsCodeEntity,
  EmergencyCallupEntity,
  EmergencyResponseEntity,
  TaskInviteEntity,
  MatchWeightsEntity,
  RosterEntryEntity,
  RosterDecisionEntity,
  UnitRosterEntity,
  AuditEventEntity,
];
