import { Processor } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { LoggedWorkerHost, QueueName } from '@r2c/jobs';
import { errorText, isFinalAttempt, MailJob, MailMessage, MailTransport, OutboxService, PermanentMailError } from '@r2c/notify';

/**
 * Emails in flight at once in one process: five on the SMTP pool's connections, the others read or
 * being marked sent in shared batches meanwhile. A crash can repeat at most these (docs/reliability.md).
 */
export const MAIL_CONCURRENCY = 25;

/**
 * Sends one outbox email per job. BullMQ delivers a job at least once, so the handler checks the row
 * first and writes "sent" only once; a job left over from an earlier generation does nothing.
 */
@Processor(QueueName.Mail, { concurrency: MAIL_CONCURRENCY })
export class MailProcessor extends LoggedWorkerHost {
  constructor(
    private readonly outbox: OutboxService,
    private readonly transport: MailTransport,
  ) {
    super();
  }

  async process(job: Job<MailJob>): Promise<'sent' | 'skipped'> {
    const { id, generation } = job.data;
    const message = await this.outbox.forSending(id);
    if (!message || message.generation !== generation || message.status === 'sent' || message.status === 'dead') return 'skipped';

    try {
      const body = message.bodyId ? await this.outbox.bodyOf(message.bodyId) : null;
      if (message.bodyId && !body) throw new Error(`the shared body ${message.bodyId} of this email is missing`);
      const mail: MailMessage = {
        idempotencyKey: message.idempotencyKey,
        to: message.toAddress,
        subject: message.subject,
        text: body ? body.textBody : message.textBody,
        html: (body ? body.htmlBody : message.htmlBody) ?? undefined,
        headers: message.headers ?? undefined,
        attachments: message.attachments ?? undefined,
        fills: body ? (message.fills ?? []) : undefined,
      };
      await this.transport.send(mail);
    } catch (error) {
      const permanent = error instanceof PermanentMailError;
      const final = permanent || isFinalAttempt(job.attemptsMade, job.opts.attempts);
      await this.outbox.recordFailure(job.data, errorText(error), final);
      this.logger.warn(`Email ${message.idempotencyKey} to ${message.toAddress} failed (${errorText(error)}); ${final ? 'marked dead' : 'will retry'}.`);
      throw permanent ? new UnrecoverableError(errorText(error)) : error;
    }

    await this.outbox.markSent(id);
    return 'sent';
  }
}
