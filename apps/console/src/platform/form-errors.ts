import type { FieldError } from '@sbd/contracts';

export type FormPath = (string | number)[];

/**
 * The API's 400 details as antd `form.setFields` entries: "pointsRule.minimum" →
 * ['pointsRule', 'minimum'], unless `aliases` names the form field an API field shows on.
 */
export function formErrorsOf(
  details: FieldError[],
  aliases: Record<string, FormPath> = {},
): { name: FormPath; errors: string[] }[] {
  const byPath = new Map<string, { name: FormPath; errors: string[] }>();
  for (const d of details) {
    const name = aliases[d.field] ?? d.field.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
    const key = name.join('.');
    const entry = byPath.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(d.message)) entry.errors.push(d.message);
    byPath.set(key, entry);
  }
  return [...byPath.values()];
}
