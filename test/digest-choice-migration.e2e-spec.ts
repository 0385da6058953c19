import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dataSourceOptions, DatabaseConfig, migrate, MIGRATIONS, newId, rawInstant } from '@r2c/core';
import { OverdueCheckIns } from '@r2c/cycles';
import { EvidenceBaseReader } from '@r2c/learning';
import { DigestSources } from '@r2c/reports';
import { createTestDatabase } from './support/test-database';

const ONE_STATE = MIGRATIONS.findIndex((m) => new m().name === 'DigestChoiceOneState1764000000040');

/**
 * The digest choice was two columns (digest_frequency, digest_unsubscribed_at) and is one: a database
 * written under the old two keeps everyone's choice after the upgrade, on SQLite and PostgreSQL.
 */
describe('digest choice in one column: the upgrade', () => {
  let dir: string;
  let drop: () => Promise<void>;
  let config: DatabaseConfig;
  let ds: DataSource;
  const open = async (migrations: typeof MIGRATIONS) => {
    const source = await new DataSource(dataSourceOptions(config, [], migrations)).initialize();
    await migrate(source);
    return source;
  };
  const postgres = () => config.type === 'postgres';
  const instant = (iso: string) => (postgres() ? iso : iso.replace('T', ' ').replace('Z', ''));

  const UNSUBSCRIBED_AT = '2026-02-10T08:30:00.000Z';
  const people = {
    linkWhileWeekly: { frequency: 'weekly', unsubscribedAt: UNSUBSCRIBED_AT },
    linkWhileMonthly: { frequency: 'monthly', unsubscribedAt: UNSUBSCRIBED_AT },
    choseNone: { frequency: 'none', unsubscribedAt: UNSUBSCRIBED_AT },
    monthly: { frequency: 'monthly', unsubscribedAt: null },
    weekly: { frequency: 'weekly', unsubscribedAt: null },
    neverChose: null,
  } as const;
  const ids = Object.fromEntries(Object.keys(people).map((name) => [name, newId()])) as Record<keyof typeof people, string>;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    dir = mkdtempSync(join(tmpdir(), 'r2c-migration-'));
    const database = await createTestDatabase();
    drop = () => database.drop();
    config = database.url ? { type: 'postgres', url: database.url } : { type: 'sqlite', path: join(dir, 'r2c.sqlite') };

    const before = await open(MIGRATIONS.slice(0, ONE_STATE));
    const at = instant('2026-01-05T10:00:00.000Z');
    for (const [name, choice] of Object.entries(people)) {
      const id = ids[name as keyof typeof people];
      await before
        .createQueryBuilder()
        .insert()
        .into('users')
        .values({ id, email: `${name}@example.org`, name, role: 'subscriber', password_hash: 'x', active: true, created_at: at, updated_at: at })
        .execute();
      if (!choice) continue;
      await before
        .createQueryBuilder()
        .insert()
        .into('mail_preferences')
        .values({
          user_id: id,
          digest_frequency: choice.frequency,
          digest_unsubscribed_at: choice.unsubscribedAt && instant(choice.unsubscribedAt),
          updated_at: choice.unsubscribedAt ? instant(choice.unsubscribedAt) : at,
        })
        .execute();
    }
    await before.destroy();
    ds = await open(MIGRATIONS);
  });

  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const rows = async () =>
    Object.fromEntries(
      (await ds.query('SELECT user_id, digest_frequency, updated_at FROM mail_preferences')).map((r: Record<string, unknown>) => [
        String(r.user_id),
        { frequency: r.digest_frequency, since: rawInstant(r.updated_at) },
      ]),
    );

  it('keeps everyone who unsubscribed by the link unsubscribed, as frequency none, since when they did', async () => {
    const after = await rows();
    for (const name of ['linkWhileWeekly', 'linkWhileMonthly', 'choseNone'] as const)
      expect({ name, ...after[ids[name]] }).toEqual({ name, frequency: 'none', since: UNSUBSCRIBED_AT });
    expect(after[ids.monthly].frequency).toBe('monthly');
    expect(after[ids.weekly].frequency).toBe('weekly');
    expect(after[ids.neverChose]).toBeUndefined();
  });

  it('leaves them out of the digest and keeps the others in it', async () => {
    const recipients = await new DigestSources(new OverdueCheckIns(), new EvidenceBaseReader()).recipients(ds.manager);
    expect(recipients.map((r) => r.id).sort()).toEqual([ids.monthly, ids.weekly, ids.neverChose].sort());
  });

  it('goes back to the two columns without losing anyone either', async () => {
    // Undo the later migrations too, then the one-column upgrade itself.
    for (let undone = MIGRATIONS.length; undone > ONE_STATE; undone--) await ds.undoLastMigration({ transaction: 'each' });
    const back = await ds.query('SELECT user_id, digest_frequency, digest_unsubscribed_at FROM mail_preferences');
    const unsubscribed = back.filter((r: Record<string, unknown>) => r.digest_unsubscribed_at !== null).map((r: Record<string, unknown>) => String(r.user_id));
    expect(unsubscribed.sort()).toEqual([ids.linkWhileWeekly, ids.linkWhileMonthly, ids.choseNone].sort());
  });
});
