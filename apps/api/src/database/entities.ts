import { RefreshTokenEntity } from '../modules/auth/entities/refresh-token.entity';
import { BackfillEntity } from '../modules/claims/entities/backfill.entity';
import { ClaimEntity } from '../modules/claims/entities/claim.entity';
import { RatingEntity } from '../modules/claims/entities/rating.entity';
import { EmergencyCallupEntity } from '../modules/emergency/entities/emergency-callup.entity';
import { EmergencyResponseEntity } from '../modules/emergency/entities/emergency-response.entity';
import { MatchWeightsEntity } from '../modules/matching/entities/match-weights.entity';
import { TaskInviteEntity } from '../modules/matching/entities/task-invite.entity';
import { NeedPlusOneEntity } from '../modules/needs/entities/need-plus-one.entity';
import { NeedEntity } from '../modules/needs/entities/need.entity';
import { NotificationEntity } from '../modules/notifications/entities/notification.entity';
import { OrgNodeEntity } from '../modules/org/entities/org-node.entity';
import { PositionEntity } from '../modules/org/entities/position.entity';
import { PointsEntryEntity } from '../modules/points/entities/points-entry.entity';
import { RegistrationPositionEntity } from '../modules/registration/entities/registration-position.entity';
import { RegistrationEntity } from '../modules/registration/entities/registration.entity';
import { RosterEntryEntity } from '../modules/rosters/entities/roster-entry.entity';
import { UnitRosterEntity } from '../modules/rosters/entities/unit-roster.entity';
import { TaskBranchEntity } from '../modules/tasks/entities/task-branch.entity';
import { TaskNeedEntity } from '../modules/tasks/entities/task-need.entity';
import { TaskPositionEntity } from '../modules/tasks/entities/task-position.entity';
import { TaskEntity } from '../modules/tasks/entities/task.entity';
import { PairingItemEntity } from '../modules/units/entities/pairing-item.entity';
import { UnitPairingEntity } from '../modules/units/entities/unit-pairing.entity';
import { UploadEntity } from '../modules/uploads/entities/upload.entity';
import { ConsentEntity } from '../modules/users/entities/consent.entity';
import { UserRoleEntity } from '../modules/users/entities/user-role.entity';
import { UserEntity } from '../modules/users/entities/user.entity';

export const ENTITIES = [
  OrgNodeEntity,
  PositionEntity,
  UserEntity,
  UserRoleEntity,
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
  EmergencyCallupEntity,
  EmergencyResponseEntity,
  TaskInviteEntity,
  MatchWeightsEntity,
  RosterEntryEntity,
  UnitRosterEntity,
];
