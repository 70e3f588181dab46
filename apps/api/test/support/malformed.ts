/**
 * The malformed-body harness shared by the property suites (test/e2e/<feature>/*.malformed.e2e.spec.ts):
 * generators of certainly-invalid values by the rule they break, the bodies built from them for a
 * route, the check that a refusal is a 400 with Chinese messages, and a snapshot of every row.
 * Running a feature's table of routes through them is ./malformed-routes.ts.
 */
import { ErrorCode } from '@sbd/contracts';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { isDateTime } from '../../src/platform/validation/date-time';
import type { TestApp } from './test-app';

export const CHINESE = /[\u4e00-\u9fa5]/;
/** The key no DTO has: a body with it is refused by the whitelist, whatever else it holds. */
export const POISON = 'unexpectedField';
/** Keys the validation pipe strips before validating (prototype pollution guard); they do not make a body invalid. */
export const STRIPPED = new Set(['__proto__', 'constructor', 'prototype']);

// ---------------------------------------------------------------------------------------------
// Generators of certainly-invalid values, by the rule they break.

export const json = fc.jsonValue({ maxDepth: 3 });
export const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 40 }));
export const finiteDouble = fc.double({ noNaN: true, noDefaultInfinity: true });
export const smallArray = fc.array(json, { maxLength: 4 });
export const smallObject = fc.dictionary(fc.string({ maxLength: 8 }), json, { maxKeys: 4 });
export const deepJunk = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    json,
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('node'), { maxKeys: 3 }),
  ),
})).node;

export const notAString = fc.oneof(
  fc.integer(),
  finiteDouble,
  fc.boolean(),
  smallArray,
  smallObject,
  deepJunk.filter((v) => typeof v !== 'string' && v !== null),
);
export const notAnInteger = fc.oneof(
  anyText,
  finiteDouble.filter((n) => !Number.isInteger(n)),
  fc.boolean(),
  smallArray,
  smallObject,
);
export const notANumber = fc.oneof(anyText, fc.boolean(), smallArray, smallObject);
export const notABoolean = fc.oneof(anyText, fc.integer(), finiteDouble, smallArray, smallObject);
export const notAnArray = fc.oneof(anyText, fc.integer(), fc.boolean(), smallObject);
export const notAnObject = fc.oneof(anyText, fc.integer(), finiteDouble, fc.boolean());
export const blank = fc.constantFrom('', ' ', '   ', '\t\n', '\u3000', ' \r\n ');
export const nullIf = (nullOk: boolean | undefined) => (nullOk ? [] : [fc.constant(null)]);
/** Strings of more than `max` characters (MaxLength counts code points: an emoji is one). */
export const tooLong = (max: number) =>
  fc.oneof(
    fc.string({ minLength: max + 1, maxLength: max + 40 }),
    fc.integer({ min: max + 1, max: max + 40 }).map((n) => '长'.repeat(n)),
    fc.integer({ min: max + 1, max: max + 20 }).map((n) => '😀'.repeat(n)),
  );
export const nonMatching = (re: RegExp) => anyText.filter((s) => !re.test(s));

export interface NullOk {
  /** null means "absent" for this field (IsOptional), so it is not generated. */
  nullOk?: boolean;
}
/** A text field `{ IsString, IsNotBlank?, MaxLength }`. */
export const badText = (max: number, opts: NullOk & { notBlank?: boolean } = {}) =>
  fc.oneof(notAString, tooLong(max), ...(opts.notBlank ? [blank] : []), ...nullIf(opts.nullOk));
/** An id: `{ IsInt, Min(1) }`. */
export const badId = (opts: NullOk = {}) => fc.oneof(notAnInteger, fc.integer({ max: 0 }), ...nullIf(opts.nullOk));
/** An integer in [min, max]. */
export const badInt = (min: number, max: number, opts: NullOk = {}) =>
  fc.oneof(notAnInteger, fc.integer({ max: min - 1 }), fc.integer({ min: max + 1 }), ...nullIf(opts.nullOk));
/** A number in [min, max]. */
export const badNumber = (min: number, max: number, opts: NullOk = {}) =>
  fc.oneof(
    notANumber,
    // Not -0 below a minimum of 0: it is sent as JSON 0, which is in range.
    fc.double({ max: min, maxExcluded: true, noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
    fc.double({ min: max, minExcluded: true, noNaN: true, noDefaultInfinity: true }),
    ...nullIf(opts.nullOk),
  );
export const badBoolean = (opts: NullOk = {}) => fc.oneof(notABoolean, ...nullIf(opts.nullOk));
export const badEnum = (values: readonly unknown[], opts: NullOk = {}) =>
  fc.oneof(
    anyText.filter((s) => !values.includes(s)),
    fc.integer().filter((n) => !values.includes(n)),
    fc.boolean(),
    smallArray,
    smallObject,
    ...nullIf(opts.nullOk),
  );
export const badLatitude = (opts: NullOk = {}) => badNumber(-90, 90, opts);
export const badLongitude = (opts: NullOk = {}) => badNumber(-180, 180, opts);
export const badPhone = (opts: NullOk = {}) =>
  fc.oneof(
    notAString,
    nonMatching(/^1[3-9]\d{9}$/),
    fc.integer({ min: 13000000000, max: 19999999999 }),
    fc.stringMatching(/^1[3-9]\d{9}\d+$/),
    fc.stringMatching(/^1[012]\d{9}$/),
    ...nullIf(opts.nullOk),
  );
/**
 * Text that IsISO8601 passes (or nearly) but that is not an instant the API can store: week and
 * ordinal dates, the basic format, hour-only times, `+08` offsets, no zone, 02-30, year 10000 in UTC…
 */
export const TRICKY_DATES = [
  '2030-W01-1',
  '2030W011',
  '2030-032',
  '20300601T0900Z',
  '2030-06-01T09Z',
  '2030-06-01T09:00:00+08',
  '2030-06-01T09,5Z',
  '2030-02-30T09:00:00Z',
  '2030-06-01T09:00:60Z',
  '9999-12-31T23:00:00-05:00',
  '0999-12-31T00:00:00Z',
  '2030-06-01',
  '2030-06',
  '2030',
  '2030-06-01t09:00:00z',
  '2030-06-01 09:00:00Z',
  '2030-06-01T09:00:00',
  '+002030-06-01T09:00:00Z',
  '明天上午',
];
export const badDateTime = (opts: NullOk = {}) =>
  fc.oneof(
    notAString,
    fc.constantFrom(...TRICKY_DATES),
    anyText.filter((s) => !isDateTime(s)),
    ...nullIf(opts.nullOk),
  );
/** A list of ids `{ IsArray, ArrayMinSize?, ArrayMaxSize, ArrayUnique, IsInt each }`. */
export const badIds = (maxSize: number, opts: NullOk & { minSize?: number } = {}) =>
  fc.oneof(
    notAnArray,
    fc
      .tuple(fc.array(fc.integer({ min: 1, max: 1000 }), { maxLength: 3 }), notAnInteger)
      .map(([ok, bad]) => [...ok, bad]),
    fc.integer({ min: 1, max: 1000 }).map((n) => [n, n]),
    fc.uniqueArray(fc.integer({ min: 1, max: 10_000_000 }), { minLength: maxSize + 1, maxLength: maxSize + 5 }),
    ...(opts.minSize ? [fc.constant([])] : []),
    ...nullIf(opts.nullOk),
  );
/** A list of strings `{ IsArray, ArrayMaxSize, IsString each, MaxLength each }`. */
export const badStrings = (maxSize: number, maxLength: number, opts: NullOk = {}) =>
  fc.oneof(
    notAnArray,
    fc.array(fc.string({ maxLength }), { minLength: maxSize + 1, maxLength: maxSize + 5 }),
    fc
      .tuple(
        fc.array(fc.string({ maxLength }), { maxLength: 3 }),
        fc.oneof(notAString, fc.constant(null), tooLong(maxLength)),
      )
      .map(([ok, bad]) => [...ok, bad]),
    ...nullIf(opts.nullOk),
  );
/**
 * A nested object `{ IsObject?, ValidateNested }` whose valid form is `valid`: not an object, an
 * array (empty or of valid objects: ValidateNested alone lets those through), one field broken,
 * a required field missing, or an unknown key.
 */
export const badNested = (
  valid: Record<string, unknown>,
  bad: Record<string, fc.Arbitrary<unknown>>,
  opts: NullOk & { required?: string[] } = {},
) =>
  fc.oneof(
    notAnObject,
    fc.constant([]),
    fc.constant([valid]),
    fc.constantFrom(...Object.keys(bad)).chain((k) => bad[k].map((v) => ({ ...valid, [k]: v }))),
    ...(opts.required?.length
      ? [
          fc
            .constantFrom(...opts.required)
            .map((k) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k))),
        ]
      : []),
    fc.constant({ ...valid, [POISON]: 1 }),
    ...nullIf(opts.nullOk),
  );
export const badNote = (max: number) => fc.oneof(notAString, tooLong(max));

// ---------------------------------------------------------------------------------------------
// Checking a route.

/** What the body generators need of a route: its DTO's keys with values to refuse, and a valid body. */
export interface BodySpec {
  bad: Record<string, fc.Arbitrary<unknown>>;
  valid: () => Record<string, unknown>;
}

/** Every row of every table, to prove a refused request changed nothing. */
export async function snapshotRows(t: TestApp): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const meta of t.ds.entityMetadatas) {
    const rows: unknown[] = await t.ds.query(`SELECT * FROM ${meta.tableName}`);
    out[meta.tableName] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

/** A refusal as it must be: 400, a validation or malformed-body code, and Chinese messages throughout. */
export function expectRefused(res: Response, body: string): void {
  const why = `${res.status} ${JSON.stringify(res.body)} for ${body.length > 300 ? `${body.slice(0, 300)}… (${body.length} chars)` : body}`;
  if (res.status !== 400) throw new Error(`expected 400, got ${why}`);
  const { code, message, details } = res.body as {
    code: unknown;
    message: unknown;
    details?: { field: string; message: string }[];
  };
  if (code !== ErrorCode.ValidationFailed && code !== ErrorCode.MalformedBody)
    throw new Error(`unexpected code: ${why}`);
  if (typeof message !== 'string' || !CHINESE.test(message)) throw new Error(`message is not Chinese: ${why}`);
  for (const d of details ?? []) {
    if (typeof d.field !== 'string' || typeof d.message !== 'string' || !CHINESE.test(d.message)) {
      throw new Error(`field message is not Chinese: ${why}`);
    }
  }
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const isUnknownKey = (route: BodySpec, k: string) => !(k in route.bad) && !STRIPPED.has(k);
/** An object is certainly invalid once it has a key the DTO does not know; otherwise it gets one. */
function poisoned(route: BodySpec, v: unknown): unknown {
  if (!isPlainObject(v)) return v;
  return Object.keys(v).some((k) => isUnknownKey(route, k)) ? v : { ...v, [POISON]: 0 };
}

/** The families of malformed bodies for a route, each certainly invalid. */
export function malformedBodies(route: BodySpec) {
  const keys = Object.keys(route.bad);
  const extraKeys = fc.dictionary(
    fc.string({ minLength: 1, maxLength: 12 }).filter((k) => isUnknownKey(route, k)),
    deepJunk,
    { minKeys: 1, maxKeys: 4 },
  );
  const oneBadField = keys.length
    ? fc.constantFrom(...keys).chain((k) => route.bad[k].map((v) => [k, v] as const))
    : fc.constant([POISON, 0] as const);
  return {
    /** Any value at all, as JSON. */
    anything: fc
      .anything({ maxDepth: 3 })
      .filter((v) => v !== undefined)
      .map((v) => JSON.parse(JSON.stringify(v)) as unknown)
      .map((v) => JSON.stringify(poisoned(route, v))),
    /** JSON text as generated, and text that is not JSON at all, sent raw. */
    raw: fc.oneof(
      fc.json({ maxDepth: 3 }).map((text) => {
        const v = JSON.parse(text) as unknown;
        if (!isPlainObject(v) || Object.keys(v).some((k) => isUnknownKey(route, k))) return text;
        return `{"${POISON}":0${text === '{}' ? '}' : `,${text.slice(1)}`}`;
      }),
      // Not the empty text: body-parser reads it as {}, which is a valid body for several routes.
      fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }).filter((s) => {
        try {
          return !isPlainObject(JSON.parse(s));
        } catch {
          return true;
        }
      }),
    ),
    /** The DTO's keys with values of any type, one of them certainly wrong (unknown keys when it has none). */
    wrongTypes: keys.length
      ? fc
          .tuple(
            fc.record(
              Object.fromEntries(
                keys.map((k) => [
                  k,
                  fc.oneof(anyText, fc.integer(), fc.constant(null), smallArray, smallObject, fc.boolean()),
                ]),
              ),
              {
                requiredKeys: [],
              },
            ),
            oneBadField,
          )
          .map(([rest, [k, v]]) => JSON.stringify({ ...rest, [k]: v }))
      : extraKeys.map((extra) => JSON.stringify(extra)),
    /** A valid body with one field broken, or with unknown extra keys holding nested junk. */
    almostValid: fc.oneof(
      oneBadField.map(([k, v]) => JSON.stringify({ ...route.valid(), [k]: v })),
      extraKeys.map((extra) => JSON.stringify({ ...route.valid(), ...extra })),
    ),
    /** A valid body with one field replaced by a string of 20k–250k characters (under the 1 MB limit). */
    huge: fc
      .tuple(
        fc.constantFrom(...(keys.length ? keys : [POISON])),
        fc.integer({ min: 20_000, max: 250_000 }),
        fc.constantFrom('x', '长', 'a\u0000'),
      )
      .map(([k, n, unit]) => JSON.stringify({ ...route.valid(), [k]: unit.repeat(Math.ceil(n / unit.length)) })),
  };
}
