/** Subscription messages: POST /cgi-bin/message/subscribe/send, with open or one-time (granted) subscriptions. */
import type { WechatFakeServer } from '../wechat-fake-server';
import { isObject, type Reply } from './protocol';

export interface SentSubscribeMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
  lang?: string;
  msgid: number;
}

export function subscribeSend(fake: WechatFakeServer, body: unknown, reply: Reply): void {
  if (!isObject(body)) return reply.error(47001, 'data format error');
  const touser = body.touser;
  if (typeof touser !== 'string' || touser.length === 0) return reply.error(40003, 'invalid openid');
  const templateId = body.template_id;
  if (
    typeof templateId !== 'string' ||
    templateId.length === 0 ||
    (fake.templates.size > 0 && !fake.templates.has(templateId))
  ) {
    return reply.error(40037, 'invalid template_id');
  }
  const data = body.data;
  if (!isObject(data) || Object.keys(data).length === 0) return reply.error(47003, 'argument invalid! data invalid');
  for (const [key, v] of Object.entries(data)) {
    if (!isObject(v) || typeof v.value !== 'string' || v.value.length === 0) {
      return reply.error(47003, `argument invalid! data.${key}.value invalid`);
    }
  }
  if (fake.unsubscribed.has(touser)) return reply.error(43101, 'user refuse to accept the msg');
  if (fake.subscriptionMode === 'grants') {
    const key = `${touser}\u0000${templateId}`;
    const left = fake.grants.get(key) ?? 0;
    if (left <= 0) return reply.error(43101, 'user refuse to accept the msg');
    fake.grants.set(key, left - 1);
  }
  const msgid = fake.nextMsgId++;
  fake.sentMessages.push({
    touser,
    template_id: templateId,
    page: typeof body.page === 'string' ? body.page : undefined,
    data: data as Record<string, { value: string }>,
    miniprogram_state: typeof body.miniprogram_state === 'string' ? body.miniprogram_state : undefined,
    lang: typeof body.lang === 'string' ? body.lang : undefined,
    msgid,
  });
  reply.json({ errcode: 0, errmsg: 'ok', msgid });
}
