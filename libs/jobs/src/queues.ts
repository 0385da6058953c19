/**
 * Every BullMQ queue of the product, each with one processor in libs/workers. Mail and summary jobs
 * come from the database through the relays (and the API's own first try for summaries); reminder
 * scans and digests from job schedulers the worker upserts, and from admins asking for a run now.
 */
export enum QueueName {
  Mail = 'mail',
  Reminders = 'reminders',
  Summaries = 'summaries',
  Digests = 'digests',
  Notifications = 'notifications',
}

export const DEFAULT_JOB_OPTIONS = {
  removeOnComplete: { age: 24 * 3600, count: 5000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
};
