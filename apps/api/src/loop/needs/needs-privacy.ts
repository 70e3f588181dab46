import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PiiObjectType } from '@sbd/contracts';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { ScopeService } from '../../platform/auth/scope.service';
import { FieldCipher } from '../../platform/crypto/field-cipher';
import { forbidden, notFound } from '../../platform/errors/app-errors';
import { PrivacyHooks, type PiiTarget, type RevealedNumber } from '../../platform/privacy/privacy-hooks';
import { userReader } from '../../identity';
import { NeedEntity } from './entities/need.entity';
import { TRIAGERS } from './need-rules';

/**
 * Needs' part in privacy: the community admin who triages a need may reveal its contact phone
 * (查看完整号码, audited); deleting an account clears the contact phones of the needs posted for it.
 */
@Injectable()
export class NeedsPrivacy implements OnModuleInit {
  constructor(
    private readonly hooks: PrivacyHooks,
    private readonly scope: ScopeService,
    private readonly cipher: FieldCipher,
  ) {}

  onModuleInit(): void {
    this.hooks.revealWith(PiiObjectType.Need, (p, target, m) => this.reveal(p, target, m));
    this.hooks.onAccountDeleted((m, userId) => this.erase(m, userId));
  }

  /** The number the need's views show masked: its contact phone, the 代点单 phone, or the account's. */
  async reveal(p: Principal, target: PiiTarget, m: EntityManager): Promise<RevealedNumber> {
    const need = await m.getRepository(NeedEntity).findOneBy({ id: target.objectId });
    if (!need) throw notFound('需求不存在');
    const community = await this.scope.node(need.communityId);
    if (!this.scope.covers(p, community.path, TRIAGERS))
      throw forbidden('只有本社区的管理员可以查看需求的完整联系电话');
    let enc = need.contactPhoneEnc ?? (need.proxy ? need.proxyPhoneEnc : null);
    if (!enc && !need.proxy && need.residentUserId !== null) {
      enc = (await userReader(m).findOneBy({ id: need.residentUserId }))?.phoneEnc ?? null;
    }
    const value = enc ? this.cipher.decrypt(enc) : '';
    if (!value) throw notFound('该需求没有联系电话');
    return { value, nodeId: need.communityId };
  }

  private async erase(m: EntityManager, userId: number): Promise<void> {
    await m
      .createQueryBuilder()
      .update(NeedEntity)
      .set({ contactPhoneEnc: null })
      .where('resident_user_id = :userId AND contact_phone_enc IS NOT NULL', { userId })
      .execute();
  }
}
