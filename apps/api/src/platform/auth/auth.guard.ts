import { CanActivate, ExecutionContext, Inject, Injectable, type Type } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@sbd/contracts';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { forbidden, unauthenticated } from '../errors/app-errors';
import { tieToRequest } from '../lifecycle/request-context';
import { IS_PUBLIC, ROLES } from './decorators';
import type { AccessTokenPayload, Principal } from './principal';
import { keepCompanionRows, PRINCIPAL_COMPANION, type PrincipalCompanion } from './principal-companion';
import { PrincipalLoader } from './principal-loader';
import { VerifiedTokens } from './verified-tokens';

/**
 * Global guard: every route needs a valid access token unless marked @Public(), and the
 * caller's roles (loaded from the database, never from the token) must include one of @Roles().
 * A route's @WithPrincipal() companion is read in the same statement as the principal.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @Inject(PrincipalLoader) private readonly loader: PrincipalLoader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly modules: ModuleRef,
  ) {}

  private readonly companions = new Map<Type<PrincipalCompanion>, PrincipalCompanion>();
  private readonly verified = new VerifiedTokens<AccessTokenPayload>();

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
    let payload = this.verified.get(token);
    if (!payload) {
      try {
        payload = await this.jwt.verifyAsync<AccessTokenPayload>(token);
      } catch {
        if (isPublic) return true;
        throw unauthenticated('登录已过期，请重新登录');
      }
      this.verified.remember(token, payload);
    }
    if (payload.typ !== 'access' || !Number.isInteger(payload.sub) || typeof payload.sid !== 'string') {
      throw unauthenticated('登录已过期，请重新登录');
    }
    const principal = await this.loadPrincipal(ctx, payload);
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

  /** The principal, with the route's companion rows kept for its service when it has one. */
  private async loadPrincipal(ctx: ExecutionContext, payload: AccessTokenPayload): Promise<Principal | null | 'ended'> {
    const token = this.config.replica
      ? undefined
      : this.reflector.get<Type<PrincipalCompanion> | undefined>(PRINCIPAL_COMPANION, ctx.getHandler());
    if (!token) return this.loader.load(payload.sub, payload.sid);
    const companion: PrincipalCompanion =
      this.companions.get(token) ?? this.modules.get<PrincipalCompanion>(token, { strict: false });
    this.companions.set(token, companion);
    const { principal, rows } = await this.loader.loadWith(payload.sub, payload.sid, companion);
    if (principal && principal !== 'ended') keepCompanionRows(principal, rows);
    return principal;
  }
}
