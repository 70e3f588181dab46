import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@sbd/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../../platform/errors/app-errors';
import { UserEntity } from './entities/user.entity';
import { PRIVACY_NOTICE } from './privacy-notice';

export const CONSENT_REQUIRED_MESSAGE = '请先阅读并同意隐私政策，再提交手机号等个人信息';

/** 403 CONSENT_REQUIRED: personal data from an account that has not accepted the current notice. */
export const consentRequired = () =>
  new AppError(HttpStatus.FORBIDDEN, ErrorCode.ConsentRequired, CONSENT_REQUIRED_MESSAGE);

/**
 * Refuses personal data (a phone number, a registration) from an account that has not accepted
 * the current privacy notice (`POST /api/me/consent`); a new version of the notice asks again.
 */
export async function assertConsented(db: DataSource | EntityManager, userId: number): Promise<void> {
  const user = await db
    .getRepository(UserEntity)
    .findOne({ select: { id: true, consentVersion: true }, where: { id: userId } });
  if (user?.consentVersion !== PRIVACY_NOTICE.version) throw consentRequired();
}
