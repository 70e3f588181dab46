import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@sbd/contracts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../errors/app-errors';

/** The largest JSON body the API reads at all. */
export const JSON_BODY_LIMIT = '1mb';
/** How deeply a JSON body may nest objects and arrays; no DTO needs more than a handful of levels. */
export const JSON_MAX_DEPTH = 32;
/** How many object keys a JSON body may hold in all; the largest DTO body has a few dozen. */
export const JSON_MAX_KEYS = 2000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/** Why a JSON text is refused before it is parsed, or null when its shape is within the limits. */
export function jsonShapeViolation(
  buf: Uint8Array,
  maxDepth = JSON_MAX_DEPTH,
  maxKeys = JSON_MAX_KEYS,
): AppError | null {
  // One pass over the bytes, no recursion: structural characters are ASCII and never occur
  // inside a multi-byte UTF-8 sequence, and a colon outside a string separates a key from its value.
  let depth = 0;
  let keys = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return tooDeep(maxDepth);
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
    else if (c === COLON && ++keys > maxKeys) return tooManyKeys(maxKeys);
  }
  return null;
}

const tooDeep = (max: number) =>
  new AppError(HttpStatus.BAD_REQUEST, ErrorCode.MalformedBody, `请求内容嵌套层级过深（最多${max}层）`);
const tooManyKeys = (max: number) =>
  new AppError(HttpStatus.PAYLOAD_TOO_LARGE, ErrorCode.PayloadTooLarge, `请求内容的字段过多（最多${max}个）`);

/**
 * body-parser's `verify` hook: runs on the raw bytes before JSON.parse, so a body nested 100,000
 * deep or holding 60,000 keys is refused in about a millisecond, before the parser builds it and
 * long before validation walks it. JSON is UTF-8 (RFC 8259); other charsets are refused.
 * The thrown AppError carries its status, which body-parser keeps, and reaches the exception filter.
 */
export function verifyJsonShape(
  _req: IncomingMessage,
  _res: ServerResponse,
  buf: Buffer,
  encoding: string | null,
): void {
  if (encoding && encoding.toLowerCase() !== 'utf-8' && encoding.toLowerCase() !== 'utf8') {
    throw new AppError(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      ErrorCode.UnsupportedMediaType,
      '请求内容必须是 UTF-8 编码的 JSON',
    );
  }
  const violation = jsonShapeViolation(buf);
  if (violation) throw violation;
}
