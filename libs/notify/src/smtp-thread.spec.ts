import { AddressInfo } from 'node:net';
import type { Worker } from 'node:worker_threads';
import { SMTPServer, SMTPServerDataStream } from 'smtp-server';
import { SmtpError, SmtpThread } from './smtp-thread';

describe('SmtpThread (a real SMTP server on loopback)', () => {
  let server: SMTPServer;
  let url: string;
  const received: string[] = [];
  let answer: { code: number; message: string } | 'hold' | undefined;
  const held: (() => void)[] = [];

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream: SMTPServerDataStream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (answer === 'hold') return void held.push(() => callback());
          if (answer) return callback(Object.assign(new Error(answer.message), { responseCode: answer.code }));
          received.push(Buffer.concat(chunks).toString('utf8'));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    held.forEach((release) => release());
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const thread = () => new SmtpThread({ url, pool: true, maxConnections: 2 });
  /** Runs a test on a new thread, then puts the server's answer back and closes the thread. */
  const withThread = async (test: (smtp: SmtpThread) => Promise<void>) => {
    const smtp = thread();
    try {
      await test(smtp);
    } finally {
      answer = undefined;
      await smtp.close();
    }
  };
  const email = (n: number) => ({ from: 'r2c@library.test', to: `reader${n}@library.test`, subject: `Check-in due ${n}`, text: 'Your check-in is due.' });

  it('sends each email from its thread and answers with the server’s receipt', () =>
    withThread(async (smtp) => {
      const before = received.length;
      const receipts = await Promise.all([1, 2, 3].map((n) => smtp.send(email(n))));
      expect(receipts.map((r) => r.response)).toEqual(['250 OK: message queued', '250 OK: message queued', '250 OK: message queued']);
      expect(receipts.every((r) => /^<.+@.+>$/.test(r.messageId))).toBe(true);
      expect(
        received
          .slice(before)
          .map((raw) => raw.match(/^Subject: (.*)$/m)?.[1]?.trim())
          .sort(),
      ).toEqual(['Check-in due 1', 'Check-in due 2', 'Check-in due 3']);
    }));

  it('passes the server’s refusal on with its reply code, so a 5xx can be told from a 4xx', () =>
    withThread(async (smtp) => {
      answer = { code: 550, message: 'No such mailbox' };
      const refused = await smtp.send(email(4)).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(SmtpError);
      expect(refused).toMatchObject({ responseCode: 550 });
      expect((refused as Error).message).toContain('No such mailbox');
    }));

  it('refuses the emails a stopped thread held, and starts a new thread for the next email', () =>
    withThread(async (smtp) => {
      answer = 'hold';
      const pending = smtp.send(email(5)).catch((error: unknown) => error);
      while (!held.length) await new Promise((resolve) => setTimeout(resolve, 10));
      await (smtp as unknown as { worker: Worker }).worker.terminate();
      expect(String(await pending)).toMatch(/the SMTP thread stopped \(exit code 1\) before the server answered/);
      answer = undefined;
      const before = received.length;
      await expect(smtp.send(email(6))).resolves.toMatchObject({ response: '250 OK: message queued' });
      expect(received.length).toBe(before + 1);
    }));

  it('refuses an email whose envelope cannot reach the thread, and sends the next one', () =>
    withThread(async (smtp) => {
      const uncopyable = { ...email(8), headers: { 'X-Odd': () => 'a function' } } as unknown as Parameters<SmtpThread['send']>[0];
      await expect(smtp.send(uncopyable)).rejects.toThrow(/could not be cloned/);
      await expect(smtp.send(email(9))).resolves.toMatchObject({ response: '250 OK: message queued' });
    }));

  it('refuses emails once closed', async () => {
    const smtp = thread();
    await smtp.close();
    await expect(smtp.send(email(7))).rejects.toThrow('the mail transport is closed');
  });
});
