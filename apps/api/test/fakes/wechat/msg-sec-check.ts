/** Content moderation: POST /wxa/msg_sec_check, version 1.0 (87014 for risky content) and 2.0 (suggest and label). */
import type { WechatFakeServer } from '../wechat-fake-server';
import { hex, isObject, type Reply } from './protocol';

export interface MsgSecDetail {
  strategy: 'content_model' | 'keyword';
  errcode: number;
  suggest?: 'pass' | 'review' | 'risky';
  label?: number;
  prob?: number;
  level?: number;
  keyword?: string;
}

/** Documented `msgSecCheck` labels (result.label / detail[].label). */
export const MsgSecLabel = {
  Normal: 100,
  Ad: 10001,
  Politics: 20001,
  Porn: 20002,
  Abuse: 20003,
  Illegal: 20006,
  Fraud: 20008,
  Vulgar: 20012,
  Copyright: 20013,
  Other: 21000,
} as const;

export function msgSecCheck(fake: WechatFakeServer, body: unknown, reply: Reply): void {
  if (!isObject(body)) return reply.error(47001, 'data format error');
  const content = body.content;
  if (body.version !== 2) {
    // Version 1.0 (no `version`): errcode 87014 for risky content, nothing else.
    if (typeof content !== 'string' || content.length === 0) return reply.error(44002, 'empty post data');
    const hit = [...fake.riskyWords.keys()].some((w) => content.includes(w));
    return hit ? reply.error(87014, 'risky content') : reply.json({ errcode: 0, errmsg: 'ok' });
  }
  const openid = body.openid;
  if (typeof openid !== 'string' || openid.length === 0) return reply.error(40003, 'invalid openid');
  // 61010: the user has not opened the mini-program in the last two hours (errmsg text not verified).
  if (fake.staleOpenids.has(openid)) return reply.error(61010, 'user access record expired');
  const scene = body.scene;
  if (scene !== 1 && scene !== 2 && scene !== 3 && scene !== 4) return reply.error(40129, 'invalid scene');
  if (typeof content !== 'string' || content.length === 0) return reply.error(44002, 'empty post data');

  const text = [body.title, body.nickname, body.signature, content].filter((x) => typeof x === 'string').join('\n');
  const risky = [...fake.riskyWords].find(([w]) => text.includes(w));
  const review = risky ? undefined : [...fake.reviewWords].find(([w]) => text.includes(w));
  const traceId = `${hex(4)}-${hex(4)}-${hex(4)}`;
  let result: { suggest: 'pass' | 'review' | 'risky'; label: number };
  const detail: MsgSecDetail[] = [];
  if (risky) {
    result = { suggest: 'risky', label: risky[1] };
    detail.push({ strategy: 'content_model', errcode: 0, suggest: 'risky', label: risky[1], prob: 90 });
    detail.push({ strategy: 'keyword', errcode: 0, suggest: 'risky', label: risky[1], level: 20, keyword: risky[0] });
  } else if (review) {
    result = { suggest: 'review', label: review[1] };
    detail.push({ strategy: 'content_model', errcode: 0, suggest: 'review', label: review[1], prob: 70 });
    detail.push({ strategy: 'keyword', errcode: 0 });
  } else {
    result = { suggest: 'pass', label: MsgSecLabel.Normal };
    detail.push({ strategy: 'content_model', errcode: 0, suggest: 'pass', label: MsgSecLabel.Normal, prob: 90 });
    detail.push({ strategy: 'keyword', errcode: 0 });
  }
  reply.json({ errcode: 0, errmsg: 'ok', detail, trace_id: traceId, result });
}
