import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { createSmsSender, SmsSender } from './sms-sender';

@Global()
@Module({
  providers: [{ provide: SmsSender, inject: [APP_CONFIG], useFactory: (c: AppConfig) => createSmsSender(c.sms) }],
  exports: [SmsSender],
})
export class SmsModule {}
