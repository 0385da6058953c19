import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Permission } from '../policy/permissions';
import type { Role } from '../users/user.entity';

/** The signed-in caller, as the auth guard found them on this request. */
export interface Principal {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export const PUBLIC_ROUTE = 'r2c:public';
export const REQUIRED_PERMISSION = 'r2c:permission';

/** No token needed (login, health, unsubscribe). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
/** The account permission the route needs; the auth guard asks the access policy (403 when refused). */
export const Requires = (permission: Permission) => SetMetadata(REQUIRED_PERMISSION, permission);

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest<{ principal: Principal }>().principal,
);
