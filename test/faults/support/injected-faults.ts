import { DataSource } from 'typeorm';

/**
 * Makes the database refuse inserts into `table` for the rows that match `condition` (SQL over NEW.*),
 * with a trigger: the application's own code path runs and meets a real database error at that point.
 * Returns the function that removes the trigger again.
 */
export async function refuseInserts(dataSource: DataSource, table: string, condition: string): Promise<() => Promise<void>> {
  const name = `fault_${table}`;
  if (dataSource.options.type === 'postgres') {
    await dataSource.query(`CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF ${condition} THEN RAISE EXCEPTION 'injected fault: insert into ${table} refused'; END IF; RETURN NEW; END $$`);
    await dataSource.query(`CREATE TRIGGER ${name} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`);
    return async () => {
      await dataSource.query(`DROP TRIGGER ${name} ON ${table}`);
      await dataSource.query(`DROP FUNCTION ${name}()`);
    };
  }
  await dataSource.query(
    `CREATE TRIGGER ${name} BEFORE INSERT ON ${table} WHEN ${condition} BEGIN SELECT RAISE(ABORT, 'injected fault: insert into ${table} refused'); END`,
  );
  return async () => void (await dataSource.query(`DROP TRIGGER ${name}`));
}
