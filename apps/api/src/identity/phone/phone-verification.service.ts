import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode,
  PHONE_PROOF_TTL_MINUTES,
  PhoneVerificationMethod,
  SMS_CODE_DIGITS,
  SMS_CODE_MAX_ATTEMPTS,
  type SmsCodeSentDto,
  type VerifiedPhoneDto,
} from '@sbd/contracts';
import { isCnMobile } from '@sbd/domain';
import { randomInt, timingSafeEqual } from 'node:crypto';
import { DataSource, MoreThan, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { FieldCipher } from '../../platform/crypto/field-cipher';
import { execute, toDbDate, transaction } from '../../platform/database/sql';
import { AppError, badRequest } from '../../platform/errors/app-errors';
import { SmsSender } from '../../platform/sms/sms-sender';
import { SmsProviderError } from '../../platform/sms/tencent-sms.client';
import { TooManyRequestsError } from '../../platform/throttle/too-many-requests';
import { WechatClient } from '../../platform/wechat/wechat.client';
import { WechatApiError, WechatErrcode } from '../../platform/wechat/wechat.errors';
import { PhoneVerificationEntity } from './entities/phone-verification.entity';
import { SmsCodeEntity } from './entities/sms-code.entity';

const codeError = (message: string) => badRequest(message, 'code');

/**
 * Proving that a phone number is the caller's: WeChat's phone-number button (weapp) or a code sent
 * by SMS (H5). Either leaves a proof row valid for PHONE_PROOF_TTL_MINUTES; a registration must
 * name a proven number. Codes, attempts and proofs live in the database (keyed hashes only), so
 * any API process can check them.
 */
@Injectable()
export class PhoneVerificationService {
  private readonly logger = new Logger('PhoneVerification');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cipher: FieldCipher,
    private readonly wechat: WechatClient,
    private readonly sms: SmsSender,
  ) {}

  /** weapp: exchanges the getPhoneNumber button's code with WeChat for the user's number. */
  async viaWechat(userId: number, code: string): Promise<VerifiedPhoneDto> {
    let info;
    try {
      info = await this.wechat.getPhoneNumber(code);
    } catch (err) {
      throw this.wechatError(err);
    }
    if (info.watermark.appid !== this.config.wechat.appId) {
      this.logger.warn(`getuserphonenumber watermark names another app: ${info.watermark.appid}`);
      throw new AppError(HttpStatus.BAD_GATEWAY, ErrorCode.UpstreamRejected, '微信返回的手机号无法确认，请重试');
    }
    if (info.countryCode !== '86' || !isCnMobile(info.purePhoneNumber)) {
      throw badRequest('目前只支持中国大陆手机号，请在微信中绑定大陆手机号后重试', 'code');
    }
    return this.prove(this.db.manager, userId, info.purePhoneNumber, PhoneVerificationMethod.Wechat);
  }

  /** H5: sends a fresh code (older unused codes for this phone and account stop working). */
  async sendCode(userId: number, phone: string): Promise<SmsCodeSentDto> {
    if (this.sms.provider === 'off') {
      throw new AppError(
        HttpStatus.SERVICE_UNAVAILABLE,
        ErrorCode.UpstreamUnavailable,
        '短信验证码暂未开通，请在微信小程序中点「获取手机号」验证',
      );
    }
    const ttl = this.config.sms.codeTtlSeconds;
    const code = String(randomInt(0, 10 ** SMS_CODE_DIGITS)).padStart(SMS_CODE_DIGITS, '0');
    const now = new Date();
    const phoneHash = this.cipher.hash(phone);
    const id = await transaction(this.db, async (m) => {
      await execute(
        m,
        'UPDATE sms_codes SET consumed_at = ? WHERE user_id = ? AND phone_hash = ? AND consumed_at IS NULL',
        [toDbDate(now), userId, phoneHash],
      );
      const res = await m.getRepository(SmsCodeEntity).insert({
        userId,
        phoneHash,
        codeHash: this.codeHash(userId, phone, code),
        attempts: 0,
        expiresAt: new Date(now.getTime() + ttl * 1000),
        consumedAt: null,
        createdAt: now,
      });
      return Number(res.identifiers[0].id);
    });
    try {
      await this.sms.sendCode(phone, code, Math.round(ttl / 60));
    } catch (err) {
      // A code nobody received must not be guessable either.
      await this.db.getRepository(SmsCodeEntity).update({ id }, { consumedAt: new Date() });
      throw this.smsError(err);
    }
    return { expiresInSeconds: ttl, ...(this.sms.provider === 'log' ? { devCode: code } : {}) };
  }

  /**
   * H5: the code from the SMS. Each guess is counted before it is compared (a conditional UPDATE,
   * so parallel guesses from several processes cannot exceed the limit); the right one proves the
   * phone and uses the code up.
   */
  async checkCode(userId: number, phone: string, code: string): Promise<VerifiedPhoneDto> {
    const now = new Date();
    const row = await this.db.getRepository(SmsCodeEntity).findOne({
      where: { userId, phoneHash: this.cipher.hash(phone) },
      order: { id: 'DESC' },
    });
    if (!row || row.consumedAt || row.expiresAt <= now) throw codeError('验证码已失效，请重新获取');
    const counted = await execute(
      this.db,
      `UPDATE sms_codes SET attempts = attempts + 1
        WHERE id = ? AND attempts < ? AND consumed_at IS NULL AND expires_at > ?`,
      [row.id, SMS_CODE_MAX_ATTEMPTS, toDbDate(now)],
    );
    if (counted !== 1) throw codeError('验证码错误次数过多，请重新获取');
    const right = timingSafeEqual(Buffer.from(row.codeHash), Buffer.from(this.codeHash(userId, phone, code)));
    if (!right) {
      const fresh = await this.db.getRepository(SmsCodeEntity).findOneByOrFail({ id: row.id });
      const left = SMS_CODE_MAX_ATTEMPTS - fresh.attempts;
      throw codeError(left > 0 ? `验证码不正确，还可以再试${left}次` : '验证码错误次数过多，请重新获取');
    }
    return transaction(this.db, async (m) => {
      const used = await execute(m, 'UPDATE sms_codes SET consumed_at = ? WHERE id = ? AND consumed_at IS NULL', [
        toDbDate(now),
        row.id,
      ]);
      if (used !== 1) throw codeError('验证码已使用，请重新获取');
      return this.prove(m, userId, phone, PhoneVerificationMethod.Sms);
    });
  }

  /**
   * A registration's phone must be one the member proved within PHONE_PROOF_TTL_MINUTES; the
   * field error says which step is missing.
   */
  async assertVerified(m: EntityManager, userId: number, phone: string): Promise<void> {
    const proofs = await m.getRepository(PhoneVerificationEntity).findBy({ userId, expiresAt: MoreThan(new Date()) });
    if (!proofs.length) {
      throw badRequest('请先验证手机号：小程序中点「获取手机号」，网页中用短信验证码验证，验证后再提交报到', 'phone');
    }
    const hash = this.cipher.hash(phone);
    if (!proofs.some((p) => p.phoneHash === hash)) {
      throw badRequest('报到填写的手机号与您验证过的手机号不一致，请使用验证过的手机号，或重新验证', 'phone');
    }
  }

  private async prove(
    m: EntityManager,
    userId: number,
    phone: string,
    method: PhoneVerificationMethod,
  ): Promise<VerifiedPhoneDto> {
    const now = new Date();
    const expiresAt = new Date(now.getTime() + PHONE_PROOF_TTL_MINUTES * 60_000);
    await m
      .getRepository(PhoneVerificationEntity)
      .insert({ userId, phoneHash: this.cipher.hash(phone), method, verifiedAt: now, expiresAt });
    return { phone, method, expiresAt: expiresAt.toISOString() };
  }

  /** Keyed (the field-encryption key), so a leaked table does not give the 10⁶ codes away. */
  private codeHash(userId: number, phone: string, code: string): string {
    return this.cipher.hash(`sms-code:${userId}:${phone}:${code}`);
  }

  private wechatError(err: unknown): AppError {
    if (err instanceof WechatApiError) {
      this.logger.warn(`getuserphonenumber failed: ${err.errcode} ${err.errmsg}`);
      if (err.errcode === WechatErrcode.InvalidCode) {
        return new AppError(
          HttpStatus.BAD_REQUEST,
          ErrorCode.UpstreamRejected,
          '手机号授权已失效，请重新点击「获取手机号」',
          [{ field: 'code', message: '手机号授权已失效' }],
        );
      }
      if (err.errcode === WechatErrcode.RateLimited) {
        return new AppError(HttpStatus.TOO_MANY_REQUESTS, ErrorCode.RateLimited, '获取手机号过于频繁，请稍后再试');
      }
      if (err.unavailable) {
        return new AppError(
          HttpStatus.SERVICE_UNAVAILABLE,
          ErrorCode.UpstreamUnavailable,
          '微信服务暂时不可用，请稍后再试',
        );
      }
    }
    return new AppError(HttpStatus.BAD_GATEWAY, ErrorCode.UpstreamUnavailable, '获取手机号失败，请稍后再试');
  }

  private smsError(err: unknown): AppError {
    const e = err instanceof SmsProviderError ? err : new SmsProviderError('UNKNOWN', (err as Error).message, false);
    this.logger.warn(`SMS not sent: ${e.message}`);
    if (e.code.startsWith('LimitExceeded')) {
      return new TooManyRequestsError(60, '该手机号接收验证码太频繁，请稍后再试');
    }
    if (
      e.code === 'InvalidParameterValue.IncorrectPhoneNumber' ||
      e.code === 'UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber'
    ) {
      return badRequest('该手机号无法接收短信，请检查号码', 'phone');
    }
    if (e.unavailable) {
      return new AppError(
        HttpStatus.SERVICE_UNAVAILABLE,
        ErrorCode.UpstreamUnavailable,
        '短信服务暂时不可用，请稍后再试',
      );
    }
    return new AppError(HttpStatus.BAD_GATEWAY, ErrorCode.UpstreamUnavailable, '验证码发送失败，请稍后再试');
  }
}
