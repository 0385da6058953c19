import { MAX_CONCURRENT_HASHES, MAX_WAITING_HASHES, PasswordCheckBusy, PasswordHashing } from './password-hashing';
import { hashPassword } from './passwords';

describe('PasswordHashing', () => {
  it(`runs at most ${MAX_CONCURRENT_HASHES} at once, queues ${MAX_WAITING_HASHES} more, and refuses the rest with 429`, async () => {
    const hashing = new PasswordHashing();
    let running = 0;
    let most = 0;
    const work = (i: number) =>
      hashing.run(async () => {
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 10));
        running--;
        return i;
      });
    const total = MAX_CONCURRENT_HASHES + MAX_WAITING_HASHES + 5;
    const results = await Promise.allSettled(Array.from({ length: total }, (_, i) => work(i)));
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(5);
    for (const r of refused) expect(r.reason).toBeInstanceOf(PasswordCheckBusy);
    expect(refused[0].reason.getStatus()).toBe(429);
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => r.value)).toEqual(Array.from({ length: total - 5 }, (_, i) => i));
    expect(most).toBe(MAX_CONCURRENT_HASHES);
  });

  it('gives a slot back when the work fails, and checks real argon2 hashes through the gate', async () => {
    const hashing = new PasswordHashing();
    await expect(Promise.all(Array.from({ length: MAX_CONCURRENT_HASHES }, () => hashing.run(() => Promise.reject(new Error('broken')))))).rejects.toThrow(
      'broken',
    );
    const hash = await hashing.hash('correct-horse-battery');
    await expect(hashing.verify(hash, 'correct-horse-battery')).resolves.toBe(true);
    await expect(hashing.verify(await hashPassword('something-else-entirely'), 'correct-horse-battery')).resolves.toBe(false);
  }, 30000);
});
