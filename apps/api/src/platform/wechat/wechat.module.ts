import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { WechatClient } from './wechat.client';

@Global()
@Module({
  providers: [
    {
      provide: WechatClient,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new WechatClient(config.wechat),
    },
  ],
  exports: [WechatClient],
})
export class WechatModule {}
