import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@sbd/contracts';
import type { Request } from 'express';
import { forbidden, unauthenticated } from '../errors/app-errors';
import { tieToRequest } from '../lifecycle/request-context';
import { IS_PUBLIC, ROLES } from './decorators';
import type { AccessTokenPayload, Principal } from './principal';
import { PrincipalLoader } from './principal-loader';

/**
 * Global guard: every route needs a valid access token unless marked @Public(), and the
 * caller's roles (loaded from the database, never from the token) must include one of @Roles().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @Inject(PrincipalLoader) private readonly loader: PrincipalLoader,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;

    if (!token) {
      if (isPublic) return true;
      throw unauthenticated();
    }
    let payload: AccessTokenPayload;
    try {
      payload = await this.jwt.verifyAsync<AccessTokenPayload>(token);
    } catch {
      if (isPublic) return true;
      throw unauthenticated('登录已过期，请重新登录');
    }
    if (payload.typ !== 'access' || !Number.isInteger(payload.sub) || typeof payload.sid !== 'string') {
      throw unauthenticated('登录已过期，请重新登录');
    }
    const principal = await this.loader.load(payload.sub, payload.sid);
    if (principal === 'ended') throw unauthenticated('登录已失效，请重新登录');
    if (!principal) throw unauthenticated('账号不存在或已注销');
    tieToRequest(principal, req);
    req.principal = principal;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles?.length && !principal.roles.some((r) => roles.includes(r.role))) {
      throw forbidden();
    }
    return true;
  }
}
