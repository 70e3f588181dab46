import { isISO8601, registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * A calendar date-time with a zone, as clients send it (Date#toISOString): `2030-06-01T09:00:00.000Z`,
 * `2030-06-01T09:00+08:00`. IsISO8601 alone is not enough: it also passes week dates (`2030-W01-1`),
 * ordinal dates (`2030-032`), the basic format (`20300601T0900Z`), hour-only times and `+08` offsets,
 * which `new Date()` cannot read (Invalid Date → a 500, or NULL/garbage stored); non-strict it
 * passes `2030-02-30`, which `new Date()` rolls over to March.
 */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** The range of a MySQL/MariaDB DATETIME: `9999-12-31T23:00:00-05:00` is year 10000 in UTC. */
const MIN_MS = Date.UTC(1000, 0, 1);
const MAX_MS = Date.UTC(10000, 0, 1);

export function isDateTime(v: unknown, opts: { dateOnly?: boolean } = {}): boolean {
  if (typeof v !== 'string') return false;
  if (!DATE_TIME.test(v) && !(opts.dateOnly && DATE_ONLY.test(v))) return false;
  if (!isISO8601(v, { strict: true })) return false;
  const ms = Date.parse(v);
  return Number.isFinite(ms) && ms >= MIN_MS && ms < MAX_MS;
}

/**
 * A date-time the API can read and store (see DATE_TIME); `dateOnly` also lets a plain
 * `YYYY-MM-DD` through (query filters). The message must be Chinese: it is shown as is.
 */
export function IsDateTime(opts: { dateOnly?: boolean } = {}, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDateTime',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '日期时间格式不正确', ...options },
      validator: { validate: (v: unknown) => isDateTime(v, opts) },
    });
}
