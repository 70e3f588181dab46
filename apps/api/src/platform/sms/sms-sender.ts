import { Logger } from '@nestjs/common';
import type { SmsConfig, SmsProvider } from '../config/sms-config';
import { TencentSmsClient } from './tencent-sms.client';

/** Sends phone verification codes; which provider is configuration (platform/config/sms-config). */
export abstract class SmsSender {
  abstract readonly provider: SmsProvider;
  /** Sends `code`, valid `minutes`, to a mainland number. Throws SmsProviderError on failure. */
  abstract sendCode(phone: string, code: string, minutes: number): Promise<void>;
}

class TencentSmsSender extends SmsSender {
  readonly provider = 'tencent' as const;
  constructor(private readonly client: TencentSmsClient) {
    super();
  }

  async sendCode(phone: string, code: string, minutes: number): Promise<void> {
    // The template reads e.g. "您的验证码为{1}，{2}分钟内有效。"
    await this.client.send(phone, [code, String(minutes)]);
  }
}

/** Development and demos without an SMS account: the code goes to the log (refused in production). */
class LogSmsSender extends SmsSender {
  readonly provider = 'log' as const;
  private readonly logger = new Logger('SMS');

  async sendCode(phone: string, code: string, minutes: number): Promise<void> {
    this.logger.warn(
      `[SMS_PROVIDER=log] verification code for ${phone.slice(0, 3)}****${phone.slice(-4)}: ${code} (${minutes} min)`,
    );
  }
}

class NoSmsSender extends SmsSender {
  readonly provider = 'off' as const;
  async sendCode(): Promise<void> {
    throw new Error('SMS is off');
  }
}

export function createSmsSender(config: SmsConfig): SmsSender {
  if (config.provider === 'tencent' && config.tencent)
    return new TencentSmsSender(new TencentSmsClient(config.tencent));
  if (config.provider === 'log') return new LogSmsSender();
  return new NoSmsSender();
}
