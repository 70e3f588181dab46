// The identity context's public face: other contexts import only from here.
export { AuthModule } from './auth/auth.module';
export { AuthService } from './auth/auth.service';
export { AccountAlerts, type AccountLockedAlert } from './auth/account-alerts';
export { RegistrationModule } from './registration/registration.module';
export { RegistrationEvents, type RegistrationReviewed } from './registration/registration-events';
export { UnitsModule } from './units/units.module';
export { UsersModule } from './users/users.module';
export { StaffModule } from './staff/staff.module';
export { StaffEvents, type RoleInvited } from './staff/staff-events';
export { assertConsented, CONSENT_REQUIRED_MESSAGE } from './users/consent';
export { ListRegistrationsQuery } from './registration/dto/list-registrations.query';
export {
  approvedMembersUnder,
  positionHolderIds,
  registrationPositionReader,
  registrationReader,
  userReader,
  type RegistrationPositionView,
  type RegistrationView,
  type UserView,
} from './identity-read';
