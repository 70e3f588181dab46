import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@sbd/contracts';
import type { Principal } from './principal';

export const IS_PUBLIC = 'sbd:isPublic';
/** The route needs no login. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const ROLES = 'sbd:roles';
/** The caller must hold at least one of these roles (somewhere); services check the scope. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ principal: Principal }>().principal;
});
