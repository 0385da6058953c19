import { DataSource, In } from 'typeorm';
import { fillSlots } from '@r2c/notify';
import { OutboxBody, OutboxMessage } from '@r2c/notify/entities';

/** Outbox rows with the text and HTML their emails are sent with: a shared body's (a digest's), with each row's own links put in. */
export async function withBodies(dataSource: DataSource, rows: OutboxMessage[]): Promise<OutboxMessage[]> {
  const ids = [...new Set(rows.flatMap((row) => (row.bodyId ? [row.bodyId] : [])))];
  const bodies = new Map((ids.length ? await dataSource.getRepository(OutboxBody).findBy({ id: In(ids) }) : []).map((body) => [body.id, body]));
  return rows.map((row) => {
    const body = row.bodyId ? bodies.get(row.bodyId) : undefined;
    if (!body) return row;
    const fills = row.fills ?? [];
    return { ...row, textBody: fillSlots(body.textBody, fills, 'text'), htmlBody: body.htmlBody === null ? null : fillSlots(body.htmlBody, fills, 'html') };
  });
}

export async function withBody<T extends OutboxMessage | null | undefined>(dataSource: DataSource, row: T): Promise<T> {
  return row ? ((await withBodies(dataSource, [row]))[0] as T) : row;
}
