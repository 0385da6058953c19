import * as argon2 from 'argon2';

/** argon2id: memory-hard, the OWASP first choice for password storage. */
export function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string | undefined, plain: string): Promise<boolean> {
  // Verifying against a fixed hash when the account does not exist keeps timing uniform.
  const target = hash ?? (await dummyHash);
  try {
    return (await argon2.verify(target, plain)) && hash !== undefined;
  } catch {
    return false;
  }
}

const dummyHash = argon2.hash('not-a-real-password-r2c', { type: argon2.argon2id });
