import { SendingBatch, SendingBatches } from './sending-batches';

/** A batch runner that records each batch and finishes only when told to. */
function runner() {
  const batches: SendingBatch[] = [];
  const finish: ((rows: Map<string, string>) => void)[] = [];
  const fail: ((error: Error) => void)[] = [];
  const run = (batch: SendingBatch) =>
    new Promise<Map<string, string>>((resolve, reject) => {
      batches.push(batch);
      finish.push(resolve);
      fail.push(reject);
    });
  return { batches, finish, fail, run };
}
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the mail worker’s sending batches', () => {
  it('runs one batch at a time, and gathers what arrives meanwhile, reads and "sent" marks alike, into the next', async () => {
    const r = runner();
    const batches = new SendingBatches<string>(r.run);
    const first = batches.read('a');
    await tick();
    const later = [batches.read('b'), batches.markSent('x'), batches.read('c'), batches.markSent('y')];
    await tick();
    expect(r.batches).toEqual([{ markSent: [], read: ['a'] }]);

    r.finish[0](new Map([['a', 'row a']]));
    expect(await first).toBe('row a');
    await tick();
    expect(r.batches[1]).toEqual({ markSent: ['x', 'y'], read: ['b', 'c'] });
    r.finish[1](new Map([['b', 'row b']]));
    expect(await Promise.all(later)).toEqual(['row b', undefined, null, undefined]);
    expect(r.batches).toHaveLength(2);
  });

  it('answers a mark only once its batch has committed', async () => {
    const r = runner();
    const batches = new SendingBatches<string>(r.run);
    let marked = false;
    const mark = batches.markSent('x').then(() => (marked = true));
    await tick();
    expect(marked).toBe(false);
    r.finish[0](new Map());
    await mark;
    expect(marked).toBe(true);
  });

  it('refuses every request of a failed batch, and runs the next one', async () => {
    const r = runner();
    const batches = new SendingBatches<string>(r.run);
    void batches.read('first');
    await tick();
    const failed = [batches.read('a'), batches.markSent('x')];
    r.finish[0](new Map());
    await tick();
    expect(r.batches[1]).toEqual({ markSent: ['x'], read: ['a'] });
    const next = batches.read('b');
    r.fail[1](new Error('SQLITE_BUSY'));
    for (const request of failed) await expect(request).rejects.toThrow('SQLITE_BUSY');
    await tick();
    r.finish[2](new Map([['b', 'row b']]));
    expect(await next).toBe('row b');
  });

  it('keeps each batch within its bound', async () => {
    const r = runner();
    const batches = new SendingBatches<string>(r.run, 2);
    void batches.read('first');
    await tick();
    for (const id of ['a', 'b', 'c']) void batches.read(id);
    r.finish[0](new Map());
    await tick();
    await tick();
    expect(r.batches[1].read).toEqual(['a', 'b']);
    r.finish[1](new Map());
    await tick();
    await tick();
    expect(r.batches[2].read).toEqual(['c']);
  });
});
