import type { SubscribeMoment, SubscribeTemplateDto, SubscriptionDto } from '@sbd/contracts';

/** H5: no WeChat subscribe messages; notices reach the in-app inbox (see subscribe.ts). */
export function prepareSubscribe(_moment: SubscribeMoment): Promise<void> {
  return Promise.resolve();
}

export function preparedTemplates(_moment: SubscribeMoment): SubscribeTemplateDto[] {
  return [];
}

export function askToSubscribe(_moment: SubscribeMoment): Promise<SubscriptionDto[] | null> {
  return Promise.resolve(null);
}

export function resetSubscribeTemplates(): void {}
