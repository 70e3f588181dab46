import { HttpStatus, Injectable } from '@nestjs/common';
import { ErrorCode, REGISTER_PAGE_PATH } from '@sbd/contracts';
import QRCode from 'qrcode';
import type { Principal } from '../platform/auth/principal';
import { AppError } from '../platform/errors/app-errors';
import { qrPng } from '../platform/qr/qr-png';
import { WechatClient } from '../platform/wechat/wechat.client';
import { WechatApiError } from '../platform/wechat/wechat.errors';
import { OrgService } from './org.service';

/** A community's registration codes: a plain QR (PNG/SVG) for H5 and posters, and WeChat's mini-program code. */
@Injectable()
export class CommunityQrService {
  constructor(
    private readonly org: OrgService,
    private readonly wechat: WechatClient,
  ) {}

  async png(p: Principal, communityId: number): Promise<Buffer> {
    const { url } = await this.org.registrationUrl(p, communityId);
    return qrPng(url, { margin: 2, width: 512 });
  }

  async svg(p: Principal, communityId: number): Promise<string> {
    const { url } = await this.org.registrationUrl(p, communityId);
    return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  }

  /** getwxacodeunlimit with the community code as scene; the register page reads it from `scene`. */
  async wxacode(p: Principal, communityId: number): Promise<Buffer> {
    const { code } = await this.org.registrationUrl(p, communityId);
    return this.wxacodeImage(code);
  }

  /** The mini-program code for a community code (the caller has checked scope); WeChat's 280–1280 px. */
  async wxacodeImage(code: string, width = 430): Promise<Buffer> {
    try {
      return await this.wechat.getUnlimitedQrCode({ scene: code, page: REGISTER_PAGE_PATH, checkPath: false, width });
    } catch (err) {
      if (err instanceof WechatApiError && !err.unavailable) {
        throw new AppError(
          HttpStatus.BAD_GATEWAY,
          ErrorCode.UpstreamRejected,
          `微信小程序码生成失败（${err.errcode}）`,
        );
      }
      throw new AppError(
        HttpStatus.SERVICE_UNAVAILABLE,
        ErrorCode.UpstreamUnavailable,
        '微信服务暂时不可用，请稍后再试',
      );
    }
  }
}
