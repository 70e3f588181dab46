import { Foundation1732200000000 } from './1732200000000-foundation';
import { ServiceLoop1732300000000 } from './1732300000000-service-loop';
import { RostersAndStats1732400000000 } from './1732400000000-rosters-and-stats';
import { Matching1732500000000 } from './1732500000000-matching';
import { FeedCache1732600000000 } from './1732600000000-feed-cache';
import { LoginFailures1732710000000 } from './1732710000000-login-failures';
import { AuditEvents1732800000000 } from './1732800000000-audit-events';
import { HonestServiceRecords1732830000000 } from './1732830000000-honest-service-records';
import { SubscriptionsAndPhones1732850000000 } from './1732850000000-subscriptions-and-phones';
import { StaffAppointments1732860000000 } from './1732860000000-staff-appointments';
import { OrgUpkeep1732870000000 } from './1732870000000-org-upkeep';
import { LiveSessionIndex1732880000000 } from './1732880000000-live-session-index';
import { RosterReview1732900000000 } from './1732900000000-roster-review';
import { RosterPeopleRollup1732910000000 } from './1732910000000-roster-people-rollup';
import { CommunityDistricts1732920000000 } from './1732920000000-community-districts';
import { NeedDays1732930000000 } from './1732930000000-need-days';

/** Every migration, in order. Both dialects run exactly this list. */
export const MIGRATIONS = [
  Foundation1732200000000,
  ServiceLoop1732300000000,
  RostersAndStats1732400000000,
  Matching1732500000000,
  FeedCache1732600000000,
  LoginFailures1732710000000,
  AuditEvents1732800000000,
  HonestServiceRecords1732830000000,
  SubscriptionsAndPhones1732850000000,
  StaffAppointments1732860000000,
  OrgUpkeep1732870000000,
  LiveSessionIndex1732880000000,
  RosterReview1732900000000,
  RosterPeopleRollup1732910000000,
  CommunityDistricts1732920000000,
  NeedDays1732930000000,
];
