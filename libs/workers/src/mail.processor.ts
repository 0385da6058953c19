import { Processor } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { Transactions } from '@r2c/core';
import { LoggedWorkerHost, QueueName } from '@r2c/jobs';
import { errorText, isFinalAttempt, MailJob, MailTransport, OutboxMessage, PermanentMailError } from '@r2c/notify';

/**
 * Sends one outbox email per job. BullMQ delivers a job at least once, so the handler checks the row
 * first and writes "sent" only once; a job left over from an earlier generation does nothing.
 */
@Processor(QueueName.Mail, { concurrency: 10 })
export class MailProcessor extends LoggedWorkerHost {
  constructor(
    private readonly transactions: Transactions,
    private readonly transport: MailTransport,
  ) {
    super();
  }

  async process(job: Job<MailJob>): Promise<'sent' | 'skipped'> {
    const { id, generation } = job.data;
    const message = await this.transactions.run((em) => em.findOneBy(OutboxMessage, { id }));
    if (!message || message.generation !== generation || message.status === 'sent' || message.status === 'dead') return 'skipped';

    try {
      await this.transport.send({
        idempotencyKey: message.idempotencyKey,
        to: message.toAddress,
        subject: message.subject,
        text: message.textBody,
        html: message.htmlBody ?? undefined,
        headers: message.headers ?? undefined,
      });
    } catch (error) {
      const permanent = error instanceof PermanentMailError;
      const final = permanent || isFinalAttempt(job.attemptsMade, job.opts.attempts);
      await this.recordFailure(job.data, error, final);
      this.logger.warn(`Email ${message.idempotencyKey} to ${message.toAddress} failed (${errorText(error)}); ${final ? 'marked dead' : 'will retry'}.`);
      throw permanent ? new UnrecoverableError(errorText(error)) : error;
    }

    const now = new Date();
    await this.transactions.run((em) =>
      em
        .createQueryBuilder()
        .update(OutboxMessage)
        // Not guarded by generation: once any generation got the email out, a newer job must not send it again.
        .set({ status: 'sent', sentAt: now, updatedAt: now, attempts: () => 'attempts + 1' })
        .where('id = :id AND status <> :sent', { id, sent: 'sent' })
        .execute(),
    );
    return 'sent';
  }

  private recordFailure({ id, generation }: MailJob, error: unknown, final: boolean) {
    const now = new Date();
    return this.transactions.run((em) =>
      em
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({ status: final ? 'dead' : 'failed', attempts: () => 'attempts + 1', lastError: errorText(error), updatedAt: now })
        .where('id = :id AND generation = :generation AND status <> :sent', { id, generation, sent: 'sent' })
        .execute(),
    );
  }
}
