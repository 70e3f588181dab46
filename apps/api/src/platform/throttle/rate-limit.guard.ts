import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { FieldCipher } from '../crypto/field-cipher';
import type { RateLimitName } from '../config/rate-limit-config';
import { RateLimiter, type RateLimitCheck } from './rate-limiter';
import { TooManyRequestsError } from './too-many-requests';

/**
 * What a limit counts per:
 * - ip: the client address (behind the loopback proxy, from X-Forwarded-For);
 * - user: the signed-in account;
 * - phone: the phone number in the body (keyed hash), i.e. the account a login/sign-up is aimed at;
 * - claimTask: the signed-in member and the task of the claim in the path (check-in code guesses);
 * - session: the session (refresh-token family) of the refresh token in the body.
 */
export type RateLimitKey = 'ip' | 'user' | 'phone' | 'claimTask' | 'session';

const RATE_LIMITS = 'sbd:rateLimits';

/** Limits the route with the named limits (RATE_LIMIT_<NAME>), each counted per its key. */
export const RateLimit = (limits: Partial<Record<RateLimitName, RateLimitKey>>) =>
  applyDecorators(
    SetMetadata(RATE_LIMITS, limits),
    UseGuards(RateLimitGuard),
    ApiTooManyRequestsResponse({
      description: `TOO_MANY_REQUESTS (limits: ${Object.keys(limits).join(', ')}); Retry-After says when to try again`,
    }),
  );

@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
    private readonly cipher: FieldCipher,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const limits =
      this.reflector.get<Partial<Record<RateLimitName, RateLimitKey>>>(RATE_LIMITS, ctx.getHandler()) ?? {};
    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const checks: RateLimitCheck[] = [];
    for (const [name, by] of Object.entries(limits) as [RateLimitName, RateLimitKey][]) {
      const key = await this.key(req, by);
      if (key !== null) checks.push({ name, key });
    }
    try {
      await this.limiter.consume(checks);
    } catch (err) {
      if (err instanceof TooManyRequestsError) {
        ctx.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(err.retryAfterSeconds));
      }
      throw err;
    }
    return true;
  }

  private async key(req: Request & { principal?: Principal }, by: RateLimitKey): Promise<string | null> {
    switch (by) {
      case 'ip':
        return req.ip ?? req.socket.remoteAddress ?? 'unknown';
      case 'user':
        return req.principal ? `user:${req.principal.userId}` : null;
      case 'phone': {
        const phone = (req.body as { phone?: unknown } | undefined)?.phone;
        return typeof phone === 'string' && phone.length <= 64 ? `phone:${this.cipher.hash(phone.trim())}` : null;
      }
      case 'claimTask': {
        const id = Number(req.params.id);
        if (!req.principal || !Number.isSafeInteger(id)) return null;
        const rows: { task_id: number }[] = await this.db.query('SELECT task_id FROM claims WHERE id = ?', [id]);
        // An unknown claim answers 404 further on; count it per claim id so probing is limited too.
        return `member:${req.principal.userId}:${rows.length ? `task:${Number(rows[0].task_id)}` : `claim:${id}`}`;
      }
      case 'session': {
        const token = (req.body as { refreshToken?: unknown } | undefined)?.refreshToken;
        if (typeof token !== 'string' || token.length > 200) return null;
        const hash = createHash('sha256').update(token).digest('hex');
        const rows: { family_id: string }[] = await this.db.query(
          'SELECT family_id FROM refresh_tokens WHERE token_hash = ?',
          [hash],
        );
        // Every token of a session, rotated or not, counts against the session; an unknown one against itself.
        return rows.length ? `family:${rows[0].family_id}` : `token:${hash}`;
      }
    }
  }
}
