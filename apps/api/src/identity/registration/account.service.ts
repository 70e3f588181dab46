import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { FieldCipher } from '../../platform/crypto/field-cipher';
import { RefreshTokenEntity } from '../auth/entities/refresh-token.entity';
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
  ) {}

  /**
   * Deletes an account: personal data is anonymised (name, phone, ID number, WeChat binding,
   * password), sessions and roles are removed; service history stays for statistics.
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
          updatedAt: now,
        },
      );
      await m.getRepository(RefreshTokenEntity).update({ userId: principal.userId }, { revokedAt: now });
      await m
        .createQueryBuilder()
        .delete()
        .from(UserRoleEntity)
        .where('user_id = :id', { id: principal.userId })
        .execute();
    });
  }
}
