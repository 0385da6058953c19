/** Every BullMQ queue of the product; one processor per queue lives in libs/workers. */
export enum QueueName {
  Mail = 'mail',
  Reminders = 'reminders',
  Summaries = 'summaries',
  Digests = 'digests',
  OutboxRelay = 'outbox-relay',
}

export const DEFAULT_JOB_OPTIONS = {
  removeOnComplete: { age: 24 * 3600, count: 5000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
};
