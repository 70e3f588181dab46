import { HttpStatus, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ErrorCode, FIELD_LABELS, type FieldError } from '@sbd/contracts';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { AppError } from '../errors/app-errors';

const label = (path: string): string => {
  const last = path.split('.').pop() ?? path;
  const key = /^\d+$/.test(last) ? (path.split('.').slice(-2, -1)[0] ?? last) : last;
  return FIELD_LABELS[key] ?? key;
};

type Template = (l: string, args: unknown[]) => string;

/** Chinese messages for class-validator's built-in constraints; custom ones carry their own. */
const TEMPLATES: Record<string, Template> = {
  whitelistValidation: (l) => `不支持的字段「${l}」`,
  isDefined: (l) => `${l}不能为空`,
  isNotEmpty: (l) => `${l}不能为空`,
  isString: (l) => `${l}必须是文本`,
  isInt: (l) => `${l}必须是整数`,
  isNumber: (l) => `${l}必须是数字`,
  isBoolean: (l) => `${l}必须是是/否`,
  isArray: (l) => `${l}必须是列表`,
  isEnum: (l) => `${l}的取值不在允许范围内`,
  isIn: (l) => `${l}的取值不在允许范围内`,
  isDateString: (l) => `${l}必须是有效的日期时间`,
  isISO8601: (l) => `${l}必须是有效的日期时间`,
  isIso8601: (l) => `${l}必须是有效的日期时间`,
  isUrl: (l) => `${l}必须是有效的网址`,
  isObject: (l) => `${l}格式不正确`,
  nestedValidation: (l) => `${l}格式不正确`,
  min: (l, a) => `${l}不能小于${a[0]}`,
  max: (l, a) => `${l}不能大于${a[0]}`,
  minLength: (l, a) => `${l}至少需要${a[0]}个字符`,
  maxLength: (l, a) => `${l}不能超过${a[0]}个字符`,
  length: (l, a) => `${l}长度应在${a[0]}到${a[1]}个字符之间`,
  arrayMinSize: (l, a) => `${l}至少需要${a[0]}项`,
  arrayMaxSize: (l, a) => `${l}最多${a[0]}项`,
  arrayUnique: (l) => `${l}不能有重复项`,
  isLatitude: (l) => `${l}必须是有效的纬度`,
  isLongitude: (l) => `${l}必须是有效的经度`,
  matches: (l) => `${l}格式不正确`,
};

type Storage = ReturnType<typeof getMetadataStorage>;
type Lookup = Storage['getTargetValidationMetadatas'];
const MEMOIZED = Symbol('sbd.memoized');

/**
 * class-validator looks a DTO's constraints up on every validation by walking the constraints of
 * every decorated class (instanceof each, for inherited ones): memoized per class and options,
 * and forgotten whenever a constraint is added (classes are decorated as they load).
 */
export function memoizeValidationMetadata(storage: Storage = getMetadataStorage()): void {
  const marked = storage as unknown as Record<symbol, boolean>;
  if (marked[MEMOIZED]) return;
  marked[MEMOIZED] = true;
  let memo = new WeakMap<object, Map<string, ValidationMetadata[]>>();
  const lookup = storage.getTargetValidationMetadatas.bind(storage) as Lookup;
  const add = storage.addValidationMetadata.bind(storage);
  storage.addValidationMetadata = (metadata) => {
    memo = new WeakMap();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (typeof target !== 'function') return lookup(target, schema, always, strictGroups, groups);
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? ''}`;
    let byOptions = memo.get(target);
    if (!byOptions) memo.set(target, (byOptions = new Map()));
    let metas = byOptions.get(key);
    if (!metas) byOptions.set(key, (metas = lookup(target, schema, always, strictGroups, groups)));
    return metas;
  };
}

/** All constraints of a DTO class, inherited ones included. */
const constraintsOf = (target: Parameters<Lookup>[0]): ValidationMetadata[] =>
  getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);

function constraintArgs(target: object | undefined, property: string, name: string): unknown[] {
  if (!target) return [];
  const metas = constraintsOf(target.constructor);
  const meta = metas.find((m) => m.propertyName === property && (m.name === name || m.type === name));
  return meta?.constraints ?? [];
}

/** Flattens nested validation errors into `{ field, message }` with dotted paths. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const err of errors) {
    const path = parent ? `${parent}.${err.property}` : err.property;
    for (const [name, defaultMessage] of Object.entries(err.constraints ?? {})) {
      const template = TEMPLATES[name];
      // Custom constraints are written in Chinese already; built-ins get a Chinese template.
      const isCustom = !template || /[\u4e00-\u9fa5]/.test(defaultMessage);
      const args = constraintArgs(err.target, err.property, name);
      // Without the decorator's arguments (e.g. the body is not an object), say it plainly.
      const needsArgs = ['min', 'max', 'minLength', 'maxLength', 'length', 'arrayMinSize', 'arrayMaxSize'].includes(
        name,
      );
      const message = isCustom
        ? defaultMessage
        : needsArgs && !args.length
          ? `${label(path)}格式不正确`
          : template(label(path), args);
      out.push({ field: path, message });
    }
    if (err.children?.length) out.push(...toFieldErrors(err.children, path));
  }
  return out;
}

/**
 * Route params stay raw text here: the global pipe would otherwise turn "0x10" into 16 before
 * the route's own pipe (IdParam) sees it.
 */
class AppValidationPipe extends ValidationPipe {
  protected override transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'param') return value;
    return super.transformPrimitive(value, metadata);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if ((metadata.type === 'body' || metadata.type === 'query') && typeof metadata.metatype === 'function') {
      const details = arrayOverruns(metadata.metatype, value);
      if (details.length)
        throw new AppError(HttpStatus.BAD_REQUEST, ErrorCode.ValidationFailed, details[0].message, details);
    }
    const result = await super.transform(value, metadata);
    if ((metadata.type === 'body' || metadata.type === 'query') && result && typeof result === 'object') {
      const details = codePointOverruns(result as object);
      if (details.length)
        throw new AppError(HttpStatus.BAD_REQUEST, ErrorCode.ValidationFailed, details[0].message, details);
    }
    return result;
  }
}

/**
 * MaxLength counts UTF-16 units minus variation selectors; MySQL counts code points. Re-check every
 * MaxLength of the DTO by code points, so "灯️" × 50 cannot pass as 50 and overflow a VARCHAR(50).
 */
function codePointOverruns(dto: object): FieldError[] {
  const out: FieldError[] = [];
  const metas = constraintsOf(dto.constructor).filter((m) => m.name === 'maxLength');
  for (const m of metas) {
    const max = Number(m.constraints?.[0]);
    const value = (dto as Record<string, unknown>)[m.propertyName];
    const values = m.each && Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (typeof v === 'string' && [...v].length > max) {
        out.push({ field: m.propertyName, message: `${label(m.propertyName)}不能超过${max}个字符` });
        break;
      }
    }
  }
  return out;
}

/**
 * ArrayMaxSize checked before anything else of the DTO: class-validator runs every constraint of a
 * field even once the size has failed, and ArrayUnique and `each` checks over 130,000 items took
 * seconds. A list over its limit is refused here in well under a millisecond. (Nested DTOs'
 * lists are bounded by their parent's ArrayMaxSize and the body's key limit.)
 */
function arrayOverruns(metatype: NonNullable<ArgumentMetadata['metatype']>, value: unknown): FieldError[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  const out: FieldError[] = [];
  const metas = constraintsOf(metatype).filter((m) => m.name === 'arrayMaxSize');
  for (const m of metas) {
    const max = Number(m.constraints?.[0]);
    const v = (value as Record<string, unknown>)[m.propertyName];
    if (Array.isArray(v) && v.length > max && Object.prototype.hasOwnProperty.call(value, m.propertyName)) {
      // The decorator's own message when it has one (e.g. "最多上传3张照片"), as the validator would say.
      const own =
        typeof m.message === 'function'
          ? m.message({
              value: v,
              constraints: m.constraints,
              targetName: metatype.name,
              object: value,
              property: m.propertyName,
            })
          : m.message;
      out.push({ field: m.propertyName, message: own || `${label(m.propertyName)}最多${max}项` });
    }
  }
  return out;
}

/** At most this many unknown keys are named; a body with thousands of them gets a short answer. */
const MAX_UNKNOWN_LISTED = 5;
/** At most this many field errors in one answer. */
const MAX_DETAILS = 50;

/** Unknown keys folded into a few entries and one count; other field errors capped. */
export function boundDetails(details: FieldError[]): FieldError[] {
  const unknown = details.filter((d) => d.message.startsWith('不支持的字段'));
  const known = details.filter((d) => !d.message.startsWith('不支持的字段'));
  const listed = unknown.slice(0, MAX_UNKNOWN_LISTED);
  if (unknown.length > listed.length) {
    listed.push({
      field: unknown[listed.length].field.slice(0, 64),
      message: `还有${unknown.length - listed.length}个不支持的字段`,
    });
  }
  return [
    ...known,
    ...listed.map((d) => ({
      field: d.field.slice(0, 64),
      message: d.message.length > 80 ? `${d.message.slice(0, 78)}…」` : d.message,
    })),
  ].slice(0, MAX_DETAILS);
}

export function buildValidationPipe(): ValidationPipe {
  memoizeValidationMetadata();
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: true, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = boundDetails(toFieldErrors(errors));
      const message = details[0]?.message ?? '请求参数有误';
      return new AppError(HttpStatus.BAD_REQUEST, ErrorCode.ValidationFailed, message, details);
    },
  });
}
