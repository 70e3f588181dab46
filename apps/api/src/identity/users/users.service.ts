import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JoinCommunityRequest, MeDto } from '@sbd/contracts';
import { DataSource } from 'typeorm';
import { FieldCipher } from '../../platform/crypto/field-cipher';
import { badRequest, notFound } from '../../platform/errors/app-errors';
import type { Principal } from '../../platform/auth/principal';
import { ConsentEntity } from './entities/consent.entity';
import { UserEntity } from './entities/user.entity';
import { joinCommunity } from './join-community';
import { PRIVACY_NOTICE } from './privacy-notice';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  async me(principal: Principal): Promise<MeDto> {
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: principal.userId });
    if (!user) throw notFound('账号不存在');
    return this.toMe(user, principal);
  }

  toMe(user: UserEntity, principal: Pick<Principal, 'roles'>): MeDto {
    return {
      id: user.id,
      name: user.name,
      // The owner sees their own number in full.
      phone: user.phoneEnc ? this.cipher.decrypt(user.phoneEnc) : null,
      hasWechat: !!user.openid,
      roles: principal.roles.map((r) => ({ role: r.role, scopeNodeId: r.scopeNodeId, scopeName: r.scopeName })),
      consentVersion: user.consentVersion,
      consentAt: user.consentAt?.toISOString() ?? null,
    };
  }

  /** A resident without a community joins one (by the poster's code, or one near them). */
  async joinCommunity(principal: Principal, input: JoinCommunityRequest): Promise<MeDto> {
    const roles = await joinCommunity(this.db, principal, input);
    return this.me({ ...principal, roles });
  }

  async consent(principal: Principal, version: string, ip: string | null, userAgent: string | null): Promise<MeDto> {
    if (version !== PRIVACY_NOTICE.version) {
      throw badRequest(`隐私政策已更新，请阅读并同意最新版本（${PRIVACY_NOTICE.version}）`, 'version');
    }
    const now = new Date();
    await this.db.transaction(async (m) => {
      await m.getRepository(ConsentEntity).insert({
        userId: principal.userId,
        noticeVersion: version,
        acceptedAt: now,
        ip: ip?.slice(0, 64) ?? null,
        userAgent: userAgent?.slice(0, 255) ?? null,
      });
      await m
        .getRepository(UserEntity)
        .update({ id: principal.userId }, { consentVersion: version, consentAt: now, updatedAt: now });
    });
    return this.me(principal);
  }
}
