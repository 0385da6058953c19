import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../users/user.entity';

/** The signed-in caller, as the auth guard found them on this request. */
export interface Principal {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export const PUBLIC_ROUTE = 'r2c:public';
export const ROLES_ALLOWED = 'r2c:roles';

/** No token needed (login, health, unsubscribe). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
/** Only these account roles may call the route; others get 403. */
export const RolesAllowed = (...roles: Role[]) => SetMetadata(ROLES_ALLOWED, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().principal);
