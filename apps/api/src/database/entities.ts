import { RefreshTokenEntity } from '../modules/auth/entities/refresh-token.entity';
import { OrgNodeEntity } from '../modules/org/entities/org-node.entity';
import { PositionEntity } from '../modules/org/entities/position.entity';
import { RegistrationPositionEntity } from '../modules/registration/entities/registration-position.entity';
import { RegistrationEntity } from '../modules/registration/entities/registration.entity';
import { PairingItemEntity } from '../modules/units/entities/pairing-item.entity';
import { UnitPairingEntity } from '../modules/units/entities/unit-pairing.entity';
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
];
