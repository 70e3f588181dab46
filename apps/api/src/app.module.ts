import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuthCoreModule } from './common/auth/auth-core.module';
import { CryptoModule } from './common/crypto/crypto.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { buildDataSourceOptions } from './database/data-source-options';
import { AuthModule } from './modules/auth/auth.module';
import { ClaimsModule } from './modules/claims/claims.module';
import { EmergencyModule } from './modules/emergency/emergency.module';
import { HealthModule } from './modules/health/health.module';
import { MatchingModule } from './modules/matching/matching.module';
import { NeedsModule } from './modules/needs/needs.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { OrgModule } from './modules/org/org.module';
import { PointsModule } from './modules/points/points.module';
import { RegistrationModule } from './modules/registration/registration.module';
import { SchedulerModule } from './modules/scheduler/scheduler.module';
import { TasksModule } from './modules/tasks/tasks.module';
import { UnitsModule } from './modules/units/units.module';
import { UploadsModule } from './modules/uploads/uploads.module';
import { UsersModule } from './modules/users/users.module';
import { WechatModule } from './modules/wechat/wechat.module';
import { ExportsModule } from './modules/exports/exports.module';
import { RostersModule } from './modules/rosters/rosters.module';
import { StatsModule } from './modules/stats/stats.module';

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
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password', 'req.body.phone'],
            customProps: () => ({ service: 'shuangbaodao-api' }),
          },
        }),
        TypeOrmModule.forRoot(buildDataSourceOptions(config)),
        CryptoModule,
        AuthCoreModule,
        WechatModule,
        HealthModule,
        UsersModule,
        AuthModule,
        OrgModule,
        RegistrationModule,
        UnitsModule,
        NotificationsModule,
        NeedsModule,
        UploadsModule,
        PointsModule,
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
