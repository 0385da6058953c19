import * as argon2 from 'argon2';

/**
 * What an account without a password (an imported subscriber, say) stores in password_hash: never
 * NULL, and not an argon2 hash, so no password ever verifies against it. The account gets a password
 * through an invitation or a password reset.
 */
export const NO_PASSWORD = '!no-password';

/** Whether a stored hash is a password at all (an argon2 hash), rather than the no-password sentinel. */
export function isPasswordHash(hash: string | null | undefined): hash is string {
  return typeof hash === 'string' && hash.startsWith('$argon2');
}

/** argon2id: memory-hard, the OWASP first choice for password storage. */
export function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain, { type: argon2.argon2id });
}

/**
 * Whether `plain` is the password of `hash`. A missing account or one without a password (any
 * non-argon2 value) never verifies, and is checked against a fixed hash so the timing is the same.
 */
export async function verifyPassword(hash: string | undefined, plain: string): Promise<boolean> {
  const usable = isPasswordHash(hash);
  const target = usable ? hash : await dummyHash;
  try {
    return (await argon2.verify(target, plain)) && usable;
  } catch {
    return false;
  }
}

const dummyHash = argon2.hash('not-a-real-password-r2c', { type: argon2.argon2id });
