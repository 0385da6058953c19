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

/**
 * A caller whose token is signed by us and not expired, and whose account is not read yet: what a
 * route marked @ReadsAccountItself() receives. It is no proof of an account until
 * `principalOf(holder, account)` says so on the account row the route reads.
 */
export interface TokenHolder {
  readonly id: string;
  /** The account's token version when the token was signed; a newer version in the account means signed out. */
  readonly tokenVersion: number;
}

export const PUBLIC_ROUTE = 'r2c:public';
export const REQUIRED_PERMISSION = 'r2c:permission';
export const READS_ACCOUNT_ITSELF = 'r2c:reads-account-itself';

/** No token needed (login, health, unsubscribe). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
/** The account permission the route needs; the auth guard asks the access policy (403 when refused). */
export const Requires = (permission: Permission) => SetMetadata(REQUIRED_PERMISSION, permission);

/**
 * The route reads the caller's account with its own query (one round trip fewer on a hot route): the
 * auth guard checks the token alone and the handler gets a TokenHolder (@CurrentTokenHolder()). The
 * route must answer 401 unless `principalOf` accepts the account row it read, and must not write
 * unless that row is still as read. It cannot be combined with @Requires().
 */
export const ReadsAccountItself = () => SetMetadata(READS_ACCOUNT_ITSELF, true);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const { principal } = ctx.switchToHttp().getRequest<{ principal?: Principal }>();
  if (!principal) throw new Error('No signed-in caller on this request: a @ReadsAccountItself() route takes @CurrentTokenHolder(), a @Public() one neither.');
  return principal;
});

export const CurrentTokenHolder = createParamDecorator((_: unknown, ctx: ExecutionContext): TokenHolder => {
  const { tokenHolder } = ctx.switchToHttp().getRequest<{ tokenHolder?: TokenHolder }>();
  if (!tokenHolder) throw new Error('No token holder on this request: only a @ReadsAccountItself() route has one.');
  return tokenHolder;
});
