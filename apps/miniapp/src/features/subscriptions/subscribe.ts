import Taro from '@tarojs/taro';
import type { SubscribeMoment, SubscribeTemplateDto, SubscriptionDto } from '@sbd/contracts';
import { isWeapp } from '@/platform/env';
import { toSubscribeChoices } from './choices';
import { fetchSubscribeTemplates, recordSubscribeChoices } from './service';

/**
 * WeChat subscribe messages (weapp; the H5 build resolves subscribe.h5.ts, where the inbox is the
 * only channel). WeChat shows its dialog only from a tap, so the templates of each moment are
 * fetched beforehand (`prepareSubscribe` when the page opens) and `askToSubscribe` is called
 * first thing in the tap handler, before anything is awaited.
 */
const templates = new Map<SubscribeMoment, SubscribeTemplateDto[]>();
const loading = new Map<SubscribeMoment, Promise<void>>();

/** Fetches the moment's templates once per session (no-op outside weapp). */
export function prepareSubscribe(moment: SubscribeMoment): Promise<void> {
  if (!isWeapp() || templates.has(moment)) return Promise.resolve();
  let pending = loading.get(moment);
  if (!pending) {
    pending = fetchSubscribeTemplates(moment)
      .then((d) => void templates.set(moment, d.templates))
      .catch(() => undefined)
      .finally(() => loading.delete(moment));
    loading.set(moment, pending);
  }
  return pending;
}

/** The moment's templates once prepared (empty before, or when none is configured). */
export function preparedTemplates(moment: SubscribeMoment): SubscribeTemplateDto[] {
  return templates.get(moment) ?? [];
}

/**
 * Shows WeChat's subscribe dialog for the moment's templates and records the answer; resolves to
 * the user's standing afterwards, or null when nothing was asked (not weapp, nothing configured,
 * the dialog failed). Call it synchronously inside a tap handler.
 */
export function askToSubscribe(moment: SubscribeMoment): Promise<SubscriptionDto[] | null> {
  const list = isWeapp() ? preparedTemplates(moment) : [];
  if (!list.length) return Promise.resolve(null);
  const tmplIds = list.map((t) => t.templateId);
  return Promise.resolve(Taro.requestSubscribeMessage({ tmplIds, entityIds: [] }))
    .then((res) => res as unknown as Record<string, unknown>)
    .catch(() => null)
    .then((res) => {
      const choices = res ? toSubscribeChoices(res, tmplIds) : [];
      return choices.length ? recordSubscribeChoices(choices) : null;
    })
    .catch(() => null);
}

/** Forgets the prepared templates (tests; a new session). */
export function resetSubscribeTemplates(): void {
  templates.clear();
  loading.clear();
}
