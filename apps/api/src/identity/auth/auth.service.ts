import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditAction,
  AuditObjectType,
  ErrorCode,
  OrgNodeType,
  Role,
  SIGNUP_ACCEPTED_MESSAGE,
  type LoginResponse,
  type SignupAcceptedResponse,
  type TokenPair,
} from '@sbd/contracts';
import { maskPhone } from '@sbd/domain';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { accountNodeId } from '../../platform/audit/audit-actor';
import { AuditService } from '../../platform/audit/audit.service';
import { PrincipalLoader } from '../../platform/auth/principal-loader';
import type { AccessTokenPayload } from '../../platform/auth/principal';
import { FieldCipher } from '../../platform/crypto/field-cipher';
import { AppError, badRequest, unauthenticated } from '../../platform/errors/app-errors';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { execute, toDbDate } from '../../platform/database/sql';
import { ConsentEntity } from '../users/entities/consent.entity';
import { UserRoleEntity } from '../users/entities/user-role.entity';
import { UserEntity } from '../users/entities/user.entity';
import { PRIVACY_NOTICE } from '../users/privacy-notice';
import { UsersService } from '../users/users.service';
import { WechatClient } from '../../platform/wechat/wechat.client';
import { WechatApiError, WechatErrcode } from '../../platform/wechat/wechat.errors';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { LoginLockout } from './login-lockout';
import { PasswordHasher } from './password-hasher';
import { orgNodeReader } from '../../org';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly cipher: FieldCipher,
    private readonly hasher: PasswordHasher,
    private readonly wechat: WechatClient,
    private readonly principals: PrincipalLoader,
    private readonly users: UsersService,
    private readonly lockout: LoginLockout,
    private readonly audit: AuditService,
  ) {}

  /**
   * Creates the account, or does nothing if the phone is already registered, and answers the same
   * in both cases (no account enumeration; the password is hashed either way, for similar timing).
   */
  async signup(
    input: { phone: string; password: string; name: string; communityCode?: string; consentVersion: string },
    ip: string | null = null,
  ): Promise<SignupAcceptedResponse> {
    // The phone is personal data: it is taken only with the current privacy notice accepted.
    if (input.consentVersion !== PRIVACY_NOTICE.version) {
      throw badRequest(`请阅读并同意最新的隐私政策（${PRIVACY_NOTICE.version}）`, 'consentVersion');
    }
    const phoneHash = this.cipher.hash(input.phone);
    const passwordHash = await this.hasher.hash(input.password);
    const accepted: SignupAcceptedResponse = { message: SIGNUP_ACCEPTED_MESSAGE };
    await this.db
      .transaction(async (m) => {
        // Checked first, so a wrong code answers the same for new and registered phones.
        let communityId: number | null = null;
        if (input.communityCode) {
          const community = await orgNodeReader(m).findOneBy({
            code: input.communityCode.toUpperCase(),
            type: OrgNodeType.Community,
          });
          if (!community) throw badRequest('社区不存在，请重新扫描社区二维码', 'communityCode');
          communityId = community.id;
        }
        if (await m.getRepository(UserEntity).existsBy({ phoneHash })) return;
        const now = new Date();
        const { identifiers } = await m.getRepository(UserEntity).insert({
          name: input.name.trim(),
          phoneEnc: this.cipher.encrypt(input.phone),
          phoneHash,
          passwordHash,
          failedLoginCount: 0,
          consentVersion: input.consentVersion,
          consentAt: now,
          createdAt: now,
          updatedAt: now,
        });
        const id = Number(identifiers[0].id);
        await m
          .getRepository(ConsentEntity)
          .insert({ userId: id, noticeVersion: input.consentVersion, acceptedAt: now, ip: ip?.slice(0, 64) ?? null });
        if (communityId) await this.grantRole(m, id, Role.Resident, communityId);
      })
      .catch((err) => {
        // The same phone signed up at the same moment: the unique index kept one; answer alike.
        if ((err as { code?: string }).code === 'ER_DUP_ENTRY' || String((err as Error).message).includes('UNIQUE'))
          return;
        throw err;
      });
    return accepted;
  }

  /**
   * Phone + password from a client address. Unknown phones and wrong passwords answer alike (same
   * message, a bcrypt compare against a dummy hash); failures lock the (phone, address) pair, and
   * many from everywhere lock the account (see LoginLockout).
   */
  async login(phone: string, password: string, source = 'unknown'): Promise<LoginResponse> {
    const accountHash = this.cipher.hash(phone);
    const user = await this.db.getRepository(UserEntity).findOneBy({ phoneHash: accountHash, deletedAt: IsNull() });
    const lock = await this.lockout.current(accountHash, source);
    if (lock) {
      await this.auditFailure(phone, user?.id ?? null, 'locked');
      throw this.lockout.error(lock);
    }
    const ok = await this.hasher.verify(password, user?.passwordHash ?? null);
    if (!user || !ok) {
      const locked = await this.lockout.recordFailure(accountHash, source, user?.id ?? null);
      await this.auditFailure(phone, user?.id ?? null, locked ? 'locked' : 'bad_credentials');
      if (locked) throw this.lockout.error(locked);
      throw unauthenticated('手机号或密码错误');
    }
    await this.lockout.recordSuccess(accountHash, source);
    return this.loginResponse(user.id, 'password');
  }

  /** A refused login: anonymous, against the account of that phone if there is one (phone masked). */
  private async auditFailure(phone: string, userId: number | null, reason: 'locked' | 'bad_credentials') {
    const principal = userId === null ? null : await this.principals.load(userId);
    await this.audit.record({
      action: AuditAction.LoginFailed,
      actor: null,
      objectType: AuditObjectType.Account,
      objectId: userId,
      nodeId: principal ? accountNodeId(principal) : null,
      detail: { method: 'password', reason, phone: maskPhone(phone) },
    });
  }

  /** wx.login code → openid (session_key stays here) → the one account bound to that openid. */
  async wechatLogin(code: string): Promise<LoginResponse> {
    let openid: string;
    let unionid: string | null;
    try {
      ({ openid, unionid } = await this.wechat.code2Session(code));
    } catch (err) {
      throw this.mapWechatError(err);
    }
    const repo = this.db.getRepository(UserEntity);
    let user = await repo.findOneBy({ openid });
    if (!user) {
      const now = new Date();
      try {
        await repo.insert({ name: '微信用户', openid, unionid, failedLoginCount: 0, createdAt: now, updatedAt: now });
      } catch {
        // Another request created it at the same moment: the unique openid index decides.
      }
      user = await repo.findOneByOrFail({ openid });
    }
    if (user.deletedAt) throw unauthenticated('账号已注销');
    return this.loginResponse(user.id, 'wechat');
  }

  private mapWechatError(err: unknown): AppError {
    if (err instanceof WechatApiError) {
      this.logger.warn(`jscode2session failed: ${err.errcode} ${err.errmsg}`);
      if (err.errcode === WechatErrcode.InvalidCode || err.errcode === WechatErrcode.CodeUsed) {
        return new AppError(
          HttpStatus.BAD_REQUEST,
          ErrorCode.UpstreamRejected,
          '微信登录凭证无效或已过期，请重新进入小程序',
          [{ field: 'code', message: '微信登录凭证无效或已过期' }],
        );
      }
      if (err.errcode === WechatErrcode.RateLimited) {
        return new AppError(HttpStatus.TOO_MANY_REQUESTS, ErrorCode.RateLimited, '微信登录过于频繁，请稍后再试');
      }
      if (err.unavailable) {
        return new AppError(
          HttpStatus.SERVICE_UNAVAILABLE,
          ErrorCode.UpstreamUnavailable,
          '微信服务暂时不可用，请稍后再试',
        );
      }
    }
    return new AppError(HttpStatus.BAD_GATEWAY, ErrorCode.UpstreamUnavailable, '微信登录失败，请稍后再试');
  }

  /** Rotates a refresh token; a token presented after rotation revokes its whole family. */
  async refresh(token: string): Promise<TokenPair> {
    const repo = this.db.getRepository(RefreshTokenEntity);
    const row = await repo.findOneBy({ tokenHash: sha256(token) });
    const now = new Date();
    if (!row) throw unauthenticated('登录已过期，请重新登录');
    if (row.revokedAt) {
      if (row.replacedById) {
        // Reuse of a rotated token: someone else may hold it. End every session of the family.
        await repo.update({ familyId: row.familyId, revokedAt: IsNull() }, { revokedAt: now });
        this.logger.warn(`refresh token reuse detected for user ${row.userId}; family revoked`);
      }
      throw unauthenticated('登录已过期，请重新登录');
    }
    if (row.expiresAt <= now) throw unauthenticated('登录已过期，请重新登录');
    const principal = await this.principals.load(row.userId);
    if (!principal) throw unauthenticated('账号不存在或已注销');

    return this.db.transaction(async (m) => {
      // Only one concurrent refresh of the same token wins.
      const changed = await execute(m, 'UPDATE refresh_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [
        toDbDate(now),
        row.id,
      ]);
      if (changed !== 1) throw unauthenticated('登录已过期，请重新登录');
      const pair = await this.issue(m, row.userId, row.familyId);
      await m.getRepository(RefreshTokenEntity).update({ id: row.id }, { replacedById: pair.refreshId });
      return pair.tokens;
    });
  }

  async logout(token: string): Promise<void> {
    const repo = this.db.getRepository(RefreshTokenEntity);
    const row = await repo.findOneBy({ tokenHash: sha256(token) });
    if (row) await repo.update({ familyId: row.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** A new session for the account, audited with it (`auth.login`, under the account's node). */
  async loginResponse(userId: number, method: 'password' | 'wechat'): Promise<LoginResponse> {
    const principal = await this.principals.load(userId);
    const { tokens } = await this.db.transaction(async (m) => {
      const issued = await this.issue(m, userId, randomUUID());
      await this.audit.record(
        {
          action: AuditAction.Login,
          actor: principal ?? { userId },
          objectType: AuditObjectType.Account,
          objectId: userId,
          nodeId: principal ? accountNodeId(principal) : null,
          detail: { method },
        },
        m,
      );
      return issued;
    });
    const user = await this.db.getRepository(UserEntity).findOneByOrFail({ id: userId });
    return { ...tokens, user: this.users.toMe(user, principal ?? { roles: [] }) };
  }

  private async issue(
    m: EntityManager,
    userId: number,
    familyId: string,
  ): Promise<{ tokens: TokenPair; refreshId: number }> {
    const payload: AccessTokenPayload = { sub: userId, typ: 'access', sid: familyId };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.config.accessTokenTtlSeconds });
    const refreshToken = randomBytes(32).toString('base64url');
    const now = new Date();
    const { identifiers } = await m.getRepository(RefreshTokenEntity).insert({
      userId,
      tokenHash: sha256(refreshToken),
      familyId,
      expiresAt: new Date(now.getTime() + this.config.refreshTokenTtlSeconds * 1000),
      revokedAt: null,
      replacedById: null,
      createdAt: now,
    });
    return {
      tokens: {
        accessToken,
        expiresIn: this.config.accessTokenTtlSeconds,
        refreshToken,
        refreshExpiresIn: this.config.refreshTokenTtlSeconds,
      },
      refreshId: Number(identifiers[0].id),
    };
  }

  /** Grants a role unless the account holds it already; answers whether it was granted now. */
  async grantRole(m: EntityManager, userId: number, role: Role, scopeNodeId: number | null): Promise<boolean> {
    const repo = m.getRepository(UserRoleEntity);
    const exists = await repo.existsBy({ userId, role, scopeNodeId: scopeNodeId ?? IsNull() });
    if (!exists) await repo.insert({ userId, role, scopeNodeId, createdAt: new Date() });
    return !exists;
  }
}
