import { Inject, Injectable } from '@nestjs/common';
import { createSigner, createVerifier } from 'fast-jwt';
import { APP_CONFIG } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import type { TokenHolder } from './principal';

export interface TokenClaims {
  sub: string;
  role: string;
  /** The account's token version when signed; tokens from before versions existed have none (0). */
  ver?: number;
}

/** How many checked tokens are remembered (the oldest is forgotten first): more than the coalition's people hold at once. */
const REMEMBERED_TOKENS = 2000;

/**
 * The API's access tokens: JWTs signed with HS256 and SECRET_KEY, valid for TOKEN_TTL_SECONDS. Made
 * with fast-jwt, whose check of a token (on every request) costs about half of jsonwebtoken's: it
 * decodes the token once, where jsonwebtoken and jws decode it twice. The algorithm is fixed on both
 * sides, so a token naming another (`none`, or RS256 with our key as its "public key") is refused.
 */
@Injectable()
export class AccessTokens {
  private readonly signer: (claims: TokenClaims) => string;
  private readonly verifier: (token: string) => Record<string, unknown>;
  /**
   * Tokens whose signature was found good, with what they hold and until when (their expiry): the
   * check of a token is a pure function of its text, the key and the time, so a token sent again is
   * not checked again. This is not a principal cache: the account the token names (active, role,
   * token version) is still read on every request. Only good tokens are kept, so refused ones cannot
   * fill it.
   */
  private readonly checked = new Map<string, { holder: TokenHolder; until: number }>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.signer = createSigner({ key: config.secretKey, algorithm: 'HS256', expiresIn: config.tokenTtlSeconds * 1000 });
    this.verifier = createVerifier({ key: config.secretKey, algorithms: ['HS256'] });
  }

  sign(claims: TokenClaims): string {
    return this.signer({ sub: claims.sub, role: claims.role, ver: claims.ver });
  }

  /**
   * Whose token it is and the token version it was signed with (0 when it has none), when it was
   * signed with our key and has not expired (nor is used before its `nbf`); null for any other token.
   */
  holderOf(token: string): TokenHolder | null {
    const known = this.checked.get(token);
    if (known && Date.now() < known.until) return known.holder;
    let claims: Record<string, unknown>;
    try {
      claims = this.verifier(token);
    } catch {
      return null;
    }
    if (typeof claims.sub !== 'string') return null;
    const holder: TokenHolder = Object.freeze({ id: claims.sub, tokenVersion: typeof claims.ver === 'number' ? claims.ver : 0 });
    this.remember(token, holder, typeof claims.exp === 'number' ? claims.exp * 1000 : Infinity);
    return holder;
  }

  private remember(token: string, holder: TokenHolder, until: number): void {
    this.checked.delete(token);
    if (this.checked.size >= REMEMBERED_TOKENS) this.checked.delete(this.checked.keys().next().value!);
    this.checked.set(token, { holder, until });
  }
}
