import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PiiField, PiiObjectType, Role } from '@sbd/contracts';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { ScopeService } from '../../platform/auth/scope.service';
import { FieldCipher } from '../../platform/crypto/field-cipher';
import { forbidden, notFound } from '../../platform/errors/app-errors';
import { PrivacyHooks, type PiiTarget, type RevealedNumber } from '../../platform/privacy/privacy-hooks';
import { RegistrationEntity } from './entities/registration.entity';

/**
 * 查看完整号码 on a registration: the community admin who reviews and calls the member sees the
 * phone and ID number; the secretary of the member's functional branch sees the phone. Nobody else
 * (street and district overseers, unit admins, who have their own roster) gets past the mask.
 */
@Injectable()
export class RegistrationPrivacy implements OnModuleInit {
  constructor(
    private readonly hooks: PrivacyHooks,
    private readonly scope: ScopeService,
    private readonly cipher: FieldCipher,
  ) {}

  onModuleInit(): void {
    this.hooks.revealWith(PiiObjectType.Registration, (p, target, m) => this.reveal(p, target, m));
  }

  async reveal(p: Principal, target: PiiTarget, m: EntityManager): Promise<RevealedNumber> {
    const reg = await m.getRepository(RegistrationEntity).findOneBy({ id: target.objectId });
    if (!reg) throw notFound('报到记录不存在');
    const community = await this.scope.node(reg.communityId);
    const branch = reg.branchId ? await this.scope.node(reg.branchId) : null;
    const allowed =
      this.scope.covers(p, community.path, [Role.CommunityAdmin]) ||
      (target.field === PiiField.Phone && !!branch && this.scope.covers(p, branch.path, [Role.BranchSecretary]));
    if (!allowed) throw forbidden('无权查看该党员的完整号码');
    const enc = target.field === PiiField.IdNumber ? reg.idNumberEnc : reg.phoneEnc;
    const value = enc ? this.cipher.decrypt(enc) : '';
    if (!value) throw notFound(target.field === PiiField.IdNumber ? '该党员没有填写身份证号' : '该党员的手机号已删除');
    return { value, nodeId: reg.communityId };
  }
}
