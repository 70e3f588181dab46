import { HttpStatus, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ErrorCode } from '@sbd/contracts';
import type { Request } from 'express';
import { AppError } from '../errors/app-errors';

/** Keys the validation pipe strips before validating (prototype pollution guard). */
const STRIPPED = new Set(['__proto__', 'constructor', 'prototype']);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const hasBody = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/** The kinds of parameters a handler takes (@Body, @UploadedFile…), from Nest's route metadata. */
function paramTypes(ctx: ExecutionContext): Set<number> {
  const meta = (Reflect.getMetadata(ROUTE_ARGS_METADATA, ctx.getClass(), ctx.getHandler().name) ?? {}) as Record<
    string,
    unknown
  >;
  return new Set(Object.keys(meta).map((k) => Number(k.split(':')[0])));
}

/**
 * What the JSON body parser cannot say by itself, checked once the route is known:
 * - a body that is not JSON (text, a form, XML, multipart) is refused with 415 instead of reaching
 *   the handler as an empty body; upload routes (those taking @UploadedFile) are left to multer and
 *   their own error filters, which answer anything but a good multipart body with a 400 on `file`;
 * - a POST/PUT/PATCH that takes no body refuses one (anything but `{}`) with 400, as a DTO would;
 * - a PATCH whose body names no field at all changes nothing and is refused with 400.
 * A global guard, after the authentication guard: GET requests cost one method comparison, where
 * an interceptor would wrap every handler in an Observable.
 */
@Injectable()
export class JsonBodyGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<Request>();
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return true;
    const types = paramTypes(ctx);
    const takesFile = types.has(RouteParamtypes.FILE) || types.has(RouteParamtypes.FILES);
    if (takesFile) return true;
    if (hasBody(req) && !req.is('application/json')) {
      throw new AppError(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        ErrorCode.UnsupportedMediaType,
        '请求内容必须是 JSON（Content-Type: application/json）',
      );
    }
    const body: unknown = req.body;
    if (
      req.method !== 'DELETE' &&
      !types.has(RouteParamtypes.BODY) &&
      hasBody(req) &&
      !(isPlainObject(body) && Object.keys(body).length === 0)
    ) {
      throw new AppError(HttpStatus.BAD_REQUEST, ErrorCode.ValidationFailed, '该操作不需要请求内容', []);
    }
    if (req.method === 'PATCH' && types.has(RouteParamtypes.BODY)) {
      const fields = isPlainObject(body) ? Object.keys(body).filter((k) => !STRIPPED.has(k)) : null;
      if (body === undefined || (fields && fields.length === 0)) {
        throw new AppError(HttpStatus.BAD_REQUEST, ErrorCode.ValidationFailed, '请至少修改一项内容', []);
      }
    }
    return true;
  }
}
