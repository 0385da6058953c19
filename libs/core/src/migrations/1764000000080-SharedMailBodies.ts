import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A body many emails share (a digest's copy for its readers) is stored once in outbox_bodies; each of
 * those emails keeps only a reference to it and its own pieces (its links), put in when it is sent.
 */
export class SharedMailBodies1764000000080 implements MigrationInterface {
  name = 'SharedMailBodies1764000000080';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = queryRunner.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await queryRunner.query(
      `CREATE TABLE outbox_bodies (id varchar(36) NOT NULL PRIMARY KEY, text_body text NOT NULL, html_body text NULL, created_at ${instant} NOT NULL)`,
    );
    // Plain ALTER TABLE on both databases rather than TypeORM's SQLite table rebuild.
    await queryRunner.query('ALTER TABLE outbox_messages ADD COLUMN body_id varchar(36) NULL');
    await queryRunner.query('ALTER TABLE outbox_messages ADD COLUMN fills text NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // An email whose body lives in outbox_bodies gets its own copy back before the table goes.
    const bodies: unknown = await queryRunner.query('SELECT DISTINCT body_id AS "bodyId" FROM outbox_messages WHERE body_id IS NOT NULL');
    for (const { bodyId } of bodies as { bodyId: string }[]) {
      const [body] = (await queryRunner.query(
        queryRunner.connection.options.type === 'postgres'
          ? 'SELECT text_body AS "text", html_body AS "html" FROM outbox_bodies WHERE id = $1'
          : 'SELECT text_body AS "text", html_body AS "html" FROM outbox_bodies WHERE id = ?',
        [bodyId],
      )) as { text: string; html: string | null }[];
      const messages = (await queryRunner.query(
        queryRunner.connection.options.type === 'postgres'
          ? 'SELECT id, fills FROM outbox_messages WHERE body_id = $1'
          : 'SELECT id, fills FROM outbox_messages WHERE body_id = ?',
        [bodyId],
      )) as { id: string; fills: string | null }[];
      for (const message of messages) {
        const fills = JSON.parse(message.fills ?? '[]') as { slot: string; text: string; html: string }[];
        const fill = (text: string, kind: 'text' | 'html') => fills.reduce((out, f) => out.split(f.slot).join(f[kind]), text);
        await queryRunner.query(
          queryRunner.connection.options.type === 'postgres'
            ? 'UPDATE outbox_messages SET text_body = $1, html_body = $2 WHERE id = $3'
            : 'UPDATE outbox_messages SET text_body = ?, html_body = ? WHERE id = ?',
          [fill(body.text, 'text'), body.html === null ? null : fill(body.html, 'html'), message.id],
        );
      }
    }
    await queryRunner.query('ALTER TABLE outbox_messages DROP COLUMN fills');
    await queryRunner.query('ALTER TABLE outbox_messages DROP COLUMN body_id');
    await queryRunner.query('DROP TABLE outbox_bodies');
  }
}
