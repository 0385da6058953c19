/**
 * This library's TypeORM entities. Its own module registers them (TypeOrmModule.forFeature, collected
 * by the data source's autoLoadEntities); the barrel does not export them, and the boundary rule lets
 * no other app or library import this file: the end-to-end suites in test/ read rows through it.
 */
import { OutboxBody } from './outbox/outbox-body.entity';
import { OutboxMessage } from './outbox/outbox-message.entity';

export { OutboxBody, OutboxMessage };
export const NOTIFY_ENTITIES = [OutboxMessage, OutboxBody];
