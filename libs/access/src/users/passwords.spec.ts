import { hashPassword, NO_PASSWORD, verifyPassword } from './passwords';

describe('verifyPassword', () => {
  it('accepts the right password against an argon2 hash and refuses a wrong one', async () => {
    const hash = await hashPassword('correct-horse-battery');
    await expect(verifyPassword(hash, 'correct-horse-battery')).resolves.toBe(true);
    await expect(verifyPassword(hash, 'wrong-horse-battery')).resolves.toBe(false);
  }, 30000);

  it('refuses every password against the no-password sentinel and any other value that is not an argon2 hash', async () => {
    for (const stored of [NO_PASSWORD, '', 'correct-horse-battery', '$2b$10$abcdefghijklmnopqrstuv', undefined]) {
      await expect(verifyPassword(stored, 'correct-horse-battery')).resolves.toBe(false);
      await expect(verifyPassword(stored, stored ?? '')).resolves.toBe(false);
    }
  }, 30000);
});
