import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ErrorCode, PosterKind } from '@sbd/contracts';
import type { Principal } from '../platform/auth/principal';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { AppError } from '../platform/errors/app-errors';
import { qrPng } from '../platform/qr/qr-png';
import { CommunityQrService } from './community-qr.service';
import { OrgService } from './org.service';
import { POSTER_CODE_BOX, posterPdf, posterPng, registerPosterFont, renderPoster } from './poster-composer';

export type PosterFormat = 'png' | 'pdf';

export interface PosterFile {
  body: Buffer;
  /** 甲社区-报到海报.png: sent as RFC 5987 `filename*`. */
  filename: string;
  /** An ASCII stand-in for clients that do not read `filename*`. */
  asciiName: string;
}

/** WeChat answers codes from 280 to 1280 px; the largest prints sharpest. */
const WXACODE_WIDTH = 1280;

/**
 * The community's printable poster (报到海报), PNG or A4 PDF, with the mini-program code or the
 * H5 QR. Same scope as the QR downloads: staff of the community or above.
 */
@Injectable()
export class CommunityPosterService {
  /** Renders run one at a time: each holds a 35 MB canvas and a core. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly org: OrgService,
    private readonly qr: CommunityQrService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async poster(p: Principal, communityId: number, kind: PosterKind, format: PosterFormat): Promise<PosterFile> {
    const community = await this.org.registrationUrl(p, communityId);
    const fontFamily = this.fontFamily();
    const code =
      kind === PosterKind.Url
        ? await qrPng(community.url, { margin: 2, width: POSTER_CODE_BOX.size })
        : await this.qr.wxacodeImage(community.code, WXACODE_WIDTH);
    const body = await this.serially(async () => {
      const canvas = await renderPoster(
        { communityName: community.name, streetName: community.streetName, kind, code },
        { fontFamily, logoPath: this.config.poster.logoPath },
      );
      return format === 'pdf' ? posterPdf(canvas, `${community.name}报到海报`) : posterPng(canvas);
    });
    const suffix = kind === PosterKind.Url ? '-网页版' : '';
    return {
      body,
      filename: `${community.name}-报到海报${suffix}.${format}`,
      asciiName: `poster-${community.code}-${kind}.${format}`,
    };
  }

  /** The registered font's family; without a CJK font the poster would print empty boxes, so 503. */
  private fontFamily(): string {
    const path = this.config.poster.fontPath;
    const family = path ? registerPosterFont(path) : null;
    if (!family) {
      throw new AppError(
        HttpStatus.SERVICE_UNAVAILABLE,
        ErrorCode.NotConfigured,
        '服务器未安装中文字体，暂时无法生成海报（请管理员安装中文字体或设置 POSTER_FONT_PATH）',
      );
    }
    return family;
  }

  private serially<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
