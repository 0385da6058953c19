import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dataSourceOptions, DatabaseConfig, migrate, MIGRATIONS, newId, rawInstant } from '@r2c/core';
import { createTestDatabase } from './support/test-database';

const PHASE_ENTERED = MIGRATIONS.findIndex((m) => new m().name === 'CyclePhaseEnteredAt1764000000082');

/**
 * "Days in phase" is kept on the cycle since the programme view needed it; cycles written before
 * take the time of their last move between phases from the audit log, or their creation when they
 * never moved — on SQLite and PostgreSQL.
 */
describe('when a cycle entered its phase: the upgrade', () => {
  let dir: string;
  let drop: () => Promise<void>;
  let config: DatabaseConfig;
  let ds: DataSource;
  const instant = (iso: string) => (config.type === 'postgres' ? iso : iso.replace('T', ' ').replace('Z', ''));
  const ids = { library: newId(), initiative: newId(), otherInitiative: newId(), closed: newId(), moved: newId(), neverMoved: newId() };

  beforeAll(async () => {
    Logger.overrideLogger(false);
    dir = mkdtempSync(join(tmpdir(), 'r2c-migration-'));
    const database = await createTestDatabase();
    drop = () => database.drop();
    config = database.url ? { type: 'postgres', url: database.url } : { type: 'sqlite', path: join(dir, 'r2c.sqlite') };

    const before = await new DataSource(dataSourceOptions(config, [], MIGRATIONS.slice(0, PHASE_ENTERED))).initialize();
    await migrate(before);
    const created = instant('2026-01-05T10:00:00.000Z');
    const insert = (table: string, values: Record<string, unknown>) => before.createQueryBuilder().insert().into(table).values(values).execute();
    await insert('libraries', {
      id: ids.library,
      name: 'Chattanooga Public Library',
      city: 'Chattanooga',
      state: 'TN',
      community_type: 'urban',
      timezone: 'America/New_York',
      created_at: created,
      updated_at: created,
    });
    const initiative = (id: string) =>
      insert('initiatives', {
        id,
        library_id: ids.library,
        title: 'Community conversations',
        summary: '',
        audience: '',
        learning_question: '',
        check_in_cadence_days: 14,
        start_date: '2026-01-05',
        status: 'active',
        created_at: created,
        updated_at: created,
      });
    await initiative(ids.initiative);
    await initiative(ids.otherInitiative);
    const cycle = (id: string, number: number, phase: string, initiativeId = ids.initiative) =>
      insert('cycles', {
        id,
        initiative_id: initiativeId,
        number,
        title: `Cycle ${number}`,
        planned_start: '2026-01-05',
        planned_end: '2026-02-05',
        phase,
        open_initiative_id: phase === 'closed' ? null : initiativeId,
        created_at: created,
        updated_at: created,
      });
    await cycle(ids.closed, 1, 'closed');
    await cycle(ids.moved, 2, 'evidence');
    await cycle(ids.neverMoved, 1, 'hypothesis', ids.otherInitiative);
    const move = (entityId: string, action: string, at: string) =>
      insert('audit_entries', {
        id: newId(),
        actor_id: null,
        action,
        entity_type: 'cycle',
        entity_id: entityId,
        initiative_id: ids.initiative,
        at: instant(at),
      });
    await move(ids.closed, 'transition:adaptation', '2026-01-10T09:00:00.000Z');
    await move(ids.closed, 'approve:closed', '2026-01-30T16:00:00.000Z');
    await move(ids.closed, 'update', '2026-02-02T16:00:00.000Z');
    await move(ids.moved, 'transition:adaptation', '2026-02-06T09:00:00.000Z');
    await move(ids.moved, 'request_changes:evidence', '2026-02-20T11:30:00.000Z');
    await move(ids.moved, 'update', '2026-02-21T08:00:00.000Z');
    await before.destroy();
    ds = await new DataSource(dataSourceOptions(config, [], MIGRATIONS)).initialize();
    await migrate(ds);
  });

  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const enteredAt = async (id: string) => {
    const [row] = await ds.query(`SELECT phase_entered_at FROM cycles WHERE id = '${id}'`);
    return rawInstant(row.phase_entered_at);
  };

  it('takes the last move between phases from the audit log, not a later edit', async () => {
    expect(await enteredAt(ids.closed)).toBe('2026-01-30T16:00:00.000Z');
    expect(await enteredAt(ids.moved)).toBe('2026-02-20T11:30:00.000Z');
  });

  it('takes the creation time of a cycle that never moved', async () => {
    expect(await enteredAt(ids.neverMoved)).toBe('2026-01-05T10:00:00.000Z');
  });
});
