import * as argon2 from 'argon2';

/**
 * What an account without a password stores instead of a hash (subscribers imported in bulk or
 * confirmed through a sign-up link, who sign in through a reset or an invitation link). It is not an
 * argon2 hash, so no password ever matches it; the column stays NOT NULL.
 */
export const NO_PASSWORD = '!no-password';

/** argon2id: memory-hard, the OWASP first choice for password storage. */
export function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain, { type: argon2.argon2id });
}

/** Whether a stored value is an argon2 hash at all (the no-password sentinel is not). */
export const isArgon2Hash = (hash: string | undefined): hash is string => typeof hash === 'string' && hash.startsWith('$argon2');

export async function verifyPassword(hash: string | undefined, plain: string): Promise<boolean> {
  // Verifying against a fixed hash when the account does not exist, or has no password, keeps timing uniform.
  const real = isArgon2Hash(hash);
  const target = real ? hash : await dummyHash;
  try {
    return (await argon2.verify(target, plain)) && real;
  } catch {
    return false;
  }
}

const dummyHash = argon2.hash('not-a-real-password-r2c', { type: argon2.argon2id });
