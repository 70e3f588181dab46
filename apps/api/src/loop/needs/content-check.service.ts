import { Injectable, Logger } from '@nestjs/common';
import { badRequest } from '../../platform/errors/app-errors';
import { WechatClient } from '../../platform/wechat/wechat.client';
import { WechatApiError } from '../../platform/wechat/wechat.errors';
import { findBlockedWord } from './content-filter';

/**
 * What content checking concluded: `pass` (WeChat passed it), `review` (WeChat wants a human to
 * look), `unchecked` (WeChat could not be asked; the local filter found nothing). Risky content
 * never gets an outcome: it is refused with a 400.
 */
export type ModerationOutcome = 'pass' | 'review' | 'unchecked';

/** One piece of user text and the request field it came from, for the field-level message. */
export interface TextPart {
  field: string;
  text: string;
}

export const RISKY_CONTENT_MESSAGE = '内容包含不当信息，请修改后再提交';

/** 微信 msgSecCheck scene 3: forum posts / comments (论坛). */
const SCENE_FORUM = 3;

@Injectable()
export class ContentCheckService {
  private readonly logger = new Logger('ContentCheck');

  constructor(private readonly wechat: WechatClient) {}

  /**
   * Checks user text before others can see it. With an openid: WeChat msgSecCheck v2 (the first
   * part as title, the rest as content). Without one, or when WeChat fails: the local keyword filter.
   * Throws 400 (field of the offending part) for risky content.
   */
  async check(openid: string | null, parts: TextPart[]): Promise<ModerationOutcome> {
    const texts = parts.filter((x) => x.text.trim().length > 0);
    if (!texts.length) return 'pass';
    if (openid) {
      try {
        const suggest = await this.ask(openid, texts);
        if (suggest === 'pass') return 'pass';
        if (suggest === 'review') return 'review';
        throw badRequest(RISKY_CONTENT_MESSAGE, await this.riskyField(openid, texts));
      } catch (err) {
        if (!(err instanceof WechatApiError)) throw err;
        // Unreachable, busy, stale openid (61010), rate limited…: the text could not be checked.
        this.logger.warn(`msgSecCheck unavailable (${err.errcode}); using the local filter`);
      }
    }
    for (const part of texts) {
      if (findBlockedWord(part.text)) throw badRequest(RISKY_CONTENT_MESSAGE, part.field);
    }
    return 'unchecked';
  }

  private async ask(openid: string, parts: TextPart[]): Promise<'pass' | 'review' | 'risky'> {
    const [first, ...rest] = parts;
    const res = rest.length
      ? await this.wechat.msgSecCheck({
          openid,
          scene: SCENE_FORUM,
          title: first.text,
          content: rest.map((x) => x.text).join('\n'),
        })
      : await this.wechat.msgSecCheck({ openid, scene: SCENE_FORUM, content: first.text });
    return res.suggest;
  }

  /** Which part WeChat objects to: each but the last is asked alone; failing that, the last. */
  private async riskyField(openid: string, parts: TextPart[]): Promise<string> {
    for (const part of parts.slice(0, -1)) {
      try {
        if ((await this.ask(openid, [part])) === 'risky') return part.field;
      } catch {
        break;
      }
    }
    return parts[parts.length - 1].field;
  }
}
