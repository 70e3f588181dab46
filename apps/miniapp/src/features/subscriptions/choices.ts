import { SubscribeChoice, type SubscribeChoiceItem } from '@sbd/contracts';

const CHOICES = new Set<string>(Object.values(SubscribeChoice));

/**
 * What `requestSubscribeMessage` answered (`{ errMsg, [templateId]: 'accept' | 'reject' | … }`) as
 * the API's choices, for the templates asked for only; unknown answers are left out.
 */
export function toSubscribeChoices(result: Record<string, unknown>, templateIds: string[]): SubscribeChoiceItem[] {
  return templateIds
    .filter((id) => typeof result[id] === 'string' && CHOICES.has(result[id] as string))
    .map((templateId) => ({ templateId, choice: result[templateId] as SubscribeChoice }));
}
