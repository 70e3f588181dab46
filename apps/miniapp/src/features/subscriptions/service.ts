import {
  ROUTES,
  type SubscribeChoiceItem,
  type SubscribeMoment,
  type SubscribeTemplatesDto,
  type SubscriptionDto,
} from '@sbd/contracts';
import { call } from '@/platform/request';

/** The templates to request at a moment (empty when the API has none configured). */
export function fetchSubscribeTemplates(moment: SubscribeMoment): Promise<SubscribeTemplatesDto> {
  return call(ROUTES.subscriptions.templates, { query: { moment }, toast: false });
}

/** What the user chose in WeChat's dialog, per template id. */
export function recordSubscribeChoices(choices: SubscribeChoiceItem[]): Promise<SubscriptionDto[]> {
  return call(ROUTES.subscriptions.record, { body: { choices }, toast: false });
}

/** The caller's unused acceptances per configured template. */
export function fetchMySubscriptions(): Promise<SubscriptionDto[]> {
  return call(ROUTES.subscriptions.mine, { toast: false });
}
