import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  LIVE_CARD_CODE_SECONDS,
  RegistrationStatus,
  REGISTRATION_STATUS_LABELS,
  type LiveCardCheckDto,
  type LiveCardCodeDto,
} from '@sbd/contracts';
import { DataSource } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { badRequest, illegalTransition, notFound } from '../../platform/errors/app-errors';
import { qrPngDataUrl } from '../../platform/qr/qr-png';
import { UserEntity } from '../users/entities/user.entity';
import { RegistrationEntity } from './entities/registration.entity';
import { liveCardKey, readLiveCardCode, signLiveCardCode } from './live-card-code';
import { RegistrationViewsService } from './registration-views.service';

/** 亮身份 with a live code: the member's card shows a QR that changes every 30 s; staff scan it. */
@Injectable()
export class LiveCardService {
  private readonly key: Buffer;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly views: RegistrationViewsService,
  ) {
    this.key = liveCardKey(config.jwtSecret);
  }

  async code(p: Principal): Promise<LiveCardCodeDto> {
    const reg = await this.db.getRepository(RegistrationEntity).findOneBy({ userId: p.userId });
    if (!reg) throw notFound('您还没有报到');
    if (reg.status !== RegistrationStatus.Approved || !reg.cardNo) {
      throw illegalTransition(`报到${REGISTRATION_STATUS_LABELS[reg.status]}，审核通过后才能亮身份`);
    }
    const { code, expiresAt } = signLiveCardCode(this.key, reg.cardNo, new Date());
    return {
      code,
      qrDataUrl: await qrPngDataUrl(code, { margin: 1, width: 360 }),
      expiresAt: expiresAt.toISOString(),
      refreshInSeconds: LIVE_CARD_CODE_SECONDS,
    };
  }

  /** Staff of the member's community or above (or the admin of the member's unit) see who it is. */
  async check(p: Principal, code: string): Promise<LiveCardCheckDto> {
    const reading = readLiveCardCode(this.key, code, new Date());
    if (!reading.ok) {
      throw badRequest(
        reading.reason === 'expired'
          ? '该电子证二维码已过期（截图无效），请对方刷新电子证后再扫'
          : '这不是有效的电子证二维码，请对方打开“亮身份”页面重新出示',
        'code',
      );
    }
    const reg = await this.db.getRepository(RegistrationEntity).findOneBy({ cardNo: reading.cardNo });
    if (!reg) throw notFound('未找到该电子身份卡');
    const dto = await this.views.get(p, reg.id); // scoped: 403 for anyone else
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: reg.userId });
    return {
      valid: reg.status === RegistrationStatus.Approved && !user?.deletedAt,
      status: reg.status,
      cardNo: reading.cardNo,
      name: dto.name,
      phone: dto.phone,
      communityName: dto.communityName,
      branchName: dto.branchName,
      workUnitName: dto.workUnitName,
      positions: dto.positions.map((x) => x.name),
      approvedAt: reg.approvedAt?.toISOString() ?? null,
    };
  }
}
