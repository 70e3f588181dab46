import { ENTITIES } from './entities';
import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuthCoreModule } from './platform/auth/auth-core.module';
import { CryptoModule } from './platform/crypto/crypto.module';
import type { AppConfig } from './platform/config/app-config';
import { ConfigModule } from './platform/config/config.module';
import { buildDataSourceOptions } from './platform/database/data-source-options';
import { ReplicaModule } from './platform/database/replica/replica.module';
import { AuthModule } from './identity/auth/auth.module';
import { ClaimsModule } from './loop/claims/claims.module';
import { EmergencyModule } from './loop/emergency/emergency.module';
import { HealthModule } from './platform/health/health.module';
import { LifecycleModule } from './platform/lifecycle/lifecycle.module';
import { MatchingModule } from './outreach/matching/matching.module';
import { NeedsModule } from './loop/needs/needs.module';
import { NotificationsModule } from './messaging/notifications/notifications.module';
import { OrgModule } from './org/org.module';
import { PrivacyModule } from './platform/privacy/privacy.module';
import { PointsModule } from './loop/points/points.module';
import { HomeModule } from './loop/home/home.module';
import { RegistrationModule } from './identity/registration/registration.module';
import { SchedulerModule } from './loop/scheduler/scheduler.module';
import { TasksModule } from './loop/tasks/tasks.module';
import { UnitsModule } from './identity/units/units.module';
import { UploadsModule } from './loop/uploads/uploads.module';
import { UsersModule } from './identity/users/users.module';
import { StaffModule } from './identity/staff/staff.module';
import { WechatModule } from './platform/wechat/wechat.module';
import { SmsModule } from './platform/sms/sms.module';
import { PhoneModule } from './identity/phone/phone.module';
import { SubscriptionsModule } from './messaging/subscriptions/subscriptions.module';
import { ExportsModule } from './reporting/exports/exports.module';
import { RostersModule } from './reporting/rosters/rosters.module';
import { StatsModule } from './reporting/stats/stats.module';
import { ThrottleModule } from './platform/throttle/throttle.module';
import { AuditModule } from './platform/audit/audit.module';
import { JobsModule } from './platform/jobs/jobs.module';
import { requestIdOf } from './platform/lifecycle/request-context';

const requestLogging = (config: AppConfig): boolean => ['trace', 'debug', 'info'].includes(config.logLevel);

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          // One line per request, with a request-bound logger, at info and below. Above that only
          // errors are logged (the exception filter names the request), and the per-request
          // middleware, a sixth of the cost of a feed request, is not installed at all.
          forRoutes: requestLogging(config) ? [{ path: '*', method: RequestMethod.ALL }] : [],
          pinoHttp: {
            level: config.logLevel,
            autoLogging: requestLogging(config),
            // The same id as the audit log's and the X-Request-Id response header; behind nginx
            // (docker/nginx.conf, npm run cluster) the proxy's, so a request can be followed through.
            genReqId: (req) => requestIdOf(req),
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password', 'req.body.phone'],
            customProps: () => ({ service: 'shuangbaodao-api' }),
          },
        }),
        TypeOrmModule.forRoot(buildDataSourceOptions(config, ENTITIES)),
        ReplicaModule.forRoot(config),
        LifecycleModule,
        CryptoModule,
        AuthCoreModule,
        ThrottleModule,
        PrivacyModule,
        JobsModule,
        AuditModule,
        WechatModule,
        SmsModule,
        HealthModule,
        UsersModule,
        StaffModule,
        AuthModule,
        OrgModule,
        PhoneModule,
        RegistrationModule,
        UnitsModule,
        NotificationsModule,
        SubscriptionsModule,
        NeedsModule,
        UploadsModule,
        PointsModule,
        HomeModule,
        ClaimsModule,
        TasksModule,
        EmergencyModule,
        SchedulerModule,
        MatchingModule,
        StatsModule,
        RostersModule,
        ExportsModule,
      ],
    };
  }
}
