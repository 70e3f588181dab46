import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditAction, AuditObjectType } from '@sbd/contracts';
import { DataSource } from 'typeorm';
import { accountNodeId } from '../../platform/audit/audit-actor';
import { AuditService } from '../../platform/audit/audit.service';
import type { Principal } from '../../platform/auth/principal';
import { FieldCipher } from '../../platform/crypto/field-cipher';
import { PrivacyHooks } from '../../platform/privacy/privacy-hooks';
import { RefreshTokenEntity } from '../auth/entities/refresh-token.entity';
import { PhoneVerificationEntity } from '../phone/entities/phone-verification.entity';
import { SmsCodeEntity } from '../phone/entities/sms-code.entity';
import { UserRoleEntity } from '../users/entities/user-role.entity';
import { UserEntity } from '../users/entities/user.entity';
import { RegistrationEntity } from './entities/registration.entity';

/**
 * 注销: deleting an account spans users, sessions (auth) and the registration, so it lives in
 * registration, the module above the other two.
 */
@Injectable()
export class AccountService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly privacy: PrivacyHooks,
  ) {}

  /**
   * Deletes an account: personal data is anonymised (name, phone, ID number, WeChat binding,
   * password), sessions and roles are removed; service history stays for statistics. Copies of
   * the phone kept by other contexts (needs' contact phones) are scrubbed in the same transaction
   * (PrivacyHooks.onAccountDeleted).
   */
  async deleteAccount(principal: Principal): Promise<void> {
    const now = new Date();
    await this.db.transaction(async (m) => {
      await m.getRepository(UserEntity).update(
        { id: principal.userId },
        {
          name: '已注销用户',
          phoneEnc: null,
          phoneHash: null,
          passwordHash: null,
          openid: null,
          unionid: null,
          deletedAt: now,
          updatedAt: now,
        },
      );
      await m.getRepository(RegistrationEntity).update(
        { userId: principal.userId },
        {
          name: '已注销用户',
          phoneEnc: this.cipher.encrypt(''),
          phoneHash: `deleted:${principal.userId}`,
          idNumberEnc: null,
          idNumberHash: null,
          residenceDetail: '',
          skills: [],
          freeTime: [],
          // No roster can list a deleted account any more: the unit's confirmation goes with it.
          unitConfirmed: false,
          updatedAt: now,
        },
      );
      await this.privacy.eraseAccount(m, principal.userId);
      await m.getRepository(RefreshTokenEntity).update({ userId: principal.userId }, { revokedAt: now });
      // Phone proofs and SMS codes are keyed hashes of the phone: gone with it.
      await m.getRepository(PhoneVerificationEntity).delete({ userId: principal.userId });
      await m.getRepository(SmsCodeEntity).delete({ userId: principal.userId });
      await m
        .createQueryBuilder()
        .delete()
        .from(UserRoleEntity)
        .where('user_id = :id', { id: principal.userId })
        .execute();
      await this.audit.record(
        {
          action: AuditAction.AccountDelete,
          actor: principal,
          objectType: AuditObjectType.Account,
          objectId: principal.userId,
          nodeId: accountNodeId(principal),
          detail: { rolesRevoked: principal.roles.map((r) => `${r.role}@${r.scopeNodeId ?? 'platform'}`) },
        },
        m,
      );
    });
  }
}
