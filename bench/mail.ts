import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createTransport } from 'nodemailer';
import { DataSource } from 'typeorm';
import { dataSourceOptions, Reads, SystemClock, Transactions } from '@r2c/core';
import { Signals } from '@r2c/jobs';
import { messageIdFor, NewMail, OUTBOX_ADDED_SIGNAL, OutboxService } from '@r2c/notify';
import { OutboxBody, OutboxMessage } from '@r2c/notify/entities';
import type { TestSmtp } from '../test/support/smtp-server';
import { waitFor } from '../test/support/ports';
import { cpuMs } from './processes';
import type { ApiProcess } from './processes';
import type { Figure } from './report';

export const MAILS = 2000;
/** Sent first by each side and not measured, so that both are measured with a warm JIT (the receiving server's too). */
const WARM_UP_MAILS = 1000;
const FROM = 'R2C Tracker <r2c@localhost>';

function mails(prefix: string, count = MAILS): NewMail[] {
  return Array.from({ length: count }, (_, n) => ({
    kind: 'reminder',
    idempotencyKey: `${prefix}:${n}`,
    to: `subscriber${n}@library.test`,
    subject: 'Check-in due today: Community Conversations',
    text: 'Hello,\n\nA check-in for "Community Conversations" at Riverbend Public Library is due today.\n\nA check-in takes two minutes: what happened since the last one, any blockers, and what help you would like from your coach.\n',
    html: '<p>Hello,</p><p>A check-in for <strong>Community Conversations</strong> at Riverbend Public Library is due today.</p><p>A check-in takes two minutes: what happened since the last one, any blockers, and what help you would like from your coach.</p>',
  }));
}

interface Delivery {
  /** From `since` to the last arrival. */
  ms: number;
  /** From `since` to the first arrival. */
  firstMs: number;
  unique: number;
  duplicates: number;
}

/** Waits until every key of `prefix` has arrived; returns ms since `since`, then how many arrived more than once. */
async function delivered(smtp: TestSmtp, prefix: string, since: number, count = MAILS): Promise<Delivery> {
  const mine = () => smtp.received.filter((m) => m.key?.startsWith(`${prefix}:`));
  let ms = 0;
  let firstMs = 0;
  try {
    await waitFor(
      async () => {
        const unique = new Set(mine().map((m) => m.key)).size;
        ms = performance.now() - since;
        if (unique && !firstMs) firstMs = ms;
        return unique >= count;
      },
      60000,
      `${count} emails at the SMTP server`,
    );
  } catch {
    // reported below as missing
  }
  await new Promise((r) => setTimeout(r, 1500)); // room for a late duplicate to show up
  const all = mine();
  const unique = new Set(all.map((m) => m.key)).size;
  return { ms, firstMs, unique, duplicates: all.length - unique };
}

export const MAIL_PLACEHOLDERS: Figure[] = [
  { measure: `6 mail: ${MAILS} outbox emails via BullMQ to SMTP`, value: null, unit: 'emails/s', target: '≥ 0.8× nodemailer direct, each exactly once' },
];

/** One run of MAILS emails, from commit (or the first send) to the last arrival, and the CPU it took. */
interface MailRun extends Delivery {
  /** CPU-milliseconds of the API (relay, BullMQ, worker, nodemailer) during the run; 0 for the direct runs. */
  apiCpu: number;
  /** CPU-milliseconds of this process (the SMTP server receiving; for the direct runs, also nodemailer sending). */
  hereCpu: number;
  /** Marked sent in the outbox; MAILS for the direct runs, which have no outbox. */
  sent: number;
}

/** Several runs of one side as one: emails a second over the time all of them took. */
function combined(runs: MailRun[]) {
  const sum = (pick: (run: MailRun) => number) => runs.reduce((total, run) => total + pick(run), 0);
  const ms = sum((run) => run.ms);
  return {
    perSecond: ms > 0 ? (sum((run) => run.unique) * 1000) / ms : 0,
    ms,
    firstMs: Math.max(...runs.map((run) => run.firstMs)),
    unique: sum((run) => run.unique),
    duplicates: sum((run) => run.duplicates),
    sent: sum((run) => run.sent),
    apiCpu: sum((run) => run.apiCpu),
    hereCpu: sum((run) => run.hereCpu),
  };
}

/**
 * 6 mail throughput: 2,000 emails added to the running API's outbox (by the real OutboxService, in
 * one transaction on its database file, announced after commit on the API's Redis as any process that
 * adds emails does), moved to BullMQ by its relay and sent by its mail worker to a loopback SMTP
 * server. Baseline: nodemailer sending the same 2,000 straight to the same server with the app's
 * transport settings (pool of 5 connections). Each side first sends WARM_UP_MAILS unmeasured: the
 * receiving server, in this process, would otherwise compile its hot paths during the first run,
 * which the app's run alone would pay for. Then the two sides run in turns, outbox, direct, direct,
 * outbox, so a host that slows down for a while weighs on both alike.
 */
export async function measureMail(api: ApiProcess, smtp: TestSmtp): Promise<Figure[]> {
  const dataSource = await new DataSource(
    dataSourceOptions({ type: 'sqlite', path: join(api.dataDir, 'r2c.sqlite') }, [OutboxMessage, OutboxBody], []),
  ).initialize();
  // The API's embedded Redis listens on a socket in its DATA_DIR (on a loopback port only when that path is too long).
  const redisSocket = join(api.dataDir, 'redis', 'redis.sock');
  const signals = existsSync(redisSocket) ? new Signals({ path: redisSocket }) : undefined;
  const transport = createTransport({ url: smtp.url, pool: true, maxConnections: 5 });
  const outboxRuns: MailRun[] = [];
  const directRuns: MailRun[] = [];
  try {
    const outbox = new OutboxService(dataSource.getRepository(OutboxMessage), new Transactions(dataSource), new SystemClock(), new Reads(dataSource));
    if (signals) outbox.attachAnnouncer(() => signals.publish(OUTBOX_ADDED_SIGNAL));
    const throughOutbox = async (prefix: string, count = MAILS) => {
      await new Transactions(dataSource).run((em) => outbox.add(em, mails(prefix, count)));
      const committed = performance.now();
      outbox.kick();
      return committed;
    };
    const sendDirect = (prefix: string, count = MAILS) =>
      Promise.all(
        mails(prefix, count).map((m) =>
          transport.sendMail({
            from: FROM,
            to: m.to,
            subject: m.subject,
            text: m.text,
            html: m.html,
            headers: { 'X-R2C-Key': m.idempotencyKey },
            messageId: messageIdFor(m.idempotencyKey, FROM),
          }),
        ),
      );
    const outboxRun = async (): Promise<MailRun> => {
      const prefix = `bench-outbox-${outboxRuns.length}-${Date.now()}`;
      const committed = await throughOutbox(prefix);
      const before = { api: cpuMs(api.pid), here: cpuMs(process.pid) };
      const result = await delivered(smtp, prefix, committed);
      const cpu = { api: cpuMs(api.pid) - before.api, here: cpuMs(process.pid) - before.here };
      const sent = await dataSource
        .getRepository(OutboxMessage)
        .createQueryBuilder('m')
        .where("m.idempotency_key LIKE :p AND m.status = 'sent'", { p: `${prefix}:%` })
        .getCount();
      return { ...result, apiCpu: cpu.api, hereCpu: cpu.here, sent };
    };
    const directRun = async (): Promise<MailRun> => {
      const prefix = `bench-direct-${directRuns.length}-${Date.now()}`;
      const started = performance.now();
      const before = cpuMs(process.pid);
      await sendDirect(prefix);
      const result = await delivered(smtp, prefix, started);
      return { ...result, apiCpu: 0, hereCpu: cpuMs(process.pid) - before, sent: MAILS };
    };

    const warmUp = `bench-outbox-warm-up-${Date.now()}`;
    await delivered(smtp, warmUp, await throughOutbox(warmUp, WARM_UP_MAILS), WARM_UP_MAILS);
    const directWarmUp = `bench-direct-warm-up-${Date.now()}`;
    const warmUpStarted = performance.now();
    await sendDirect(directWarmUp, WARM_UP_MAILS);
    await delivered(smtp, directWarmUp, warmUpStarted, WARM_UP_MAILS);

    outboxRuns.push(await outboxRun());
    directRuns.push(await directRun());
    directRuns.push(await directRun());
    outboxRuns.push(await outboxRun());
  } finally {
    transport.close();
    signals?.onApplicationShutdown();
    await dataSource.destroy();
  }

  const viaOutbox = combined(outboxRuns);
  const direct = combined(directRuns);
  const emails = MAILS * outboxRuns.length;
  // This process both sends and receives in the direct runs; less what receiving cost in the outbox runs, what sending straight cost.
  const directSendingCpu = direct.hereCpu - viaOutbox.hereCpu;
  const wrong = emails - viaOutbox.unique + viaOutbox.duplicates + (emails - viaOutbox.sent);
  return [
    {
      measure: `6 mail: ${MAILS} outbox emails via BullMQ to SMTP`,
      value: viaOutbox.perSecond,
      unit: 'emails/s',
      baseline: direct.perSecond,
      target: '≥ 0.8× nodemailer direct',
      met: viaOutbox.perSecond >= 0.8 * direct.perSecond,
      note:
        `in turns (outbox, direct, direct, outbox): ${outboxRuns.map((run) => run.ms.toFixed(0)).join(' and ')} ms from commit, the first at ${viaOutbox.firstMs.toFixed(0)} ms at most (${signals ? 'announced' : "not announced: the relay's next poll"}); ` +
        `direct: ${directRuns.map((run) => run.ms.toFixed(0)).join(' and ')} ms; ` +
        `CPU per email: API ${(viaOutbox.apiCpu / emails).toFixed(2)} ms, nodemailer direct about ${(directSendingCpu / emails).toFixed(2)} ms`,
    },
    {
      measure: '6 mail: missing + duplicated + not marked sent',
      value: wrong,
      unit: '',
      baseline: emails - direct.unique + direct.duplicates,
      target: '0 (each exactly once)',
      met: wrong === 0,
      note: `${viaOutbox.unique} of ${emails} delivered, ${viaOutbox.duplicates} twice, ${viaOutbox.sent} marked sent`,
    },
  ];
}
