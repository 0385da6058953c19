import { Worker } from 'node:worker_threads';
import type { SendMailOptions } from 'nodemailer';

/** What the thread answers for one email: nodemailer's receipt, or its error's parts that the caller decides on. */
type Answer = { id: number; messageId: string; response: string } | { id: number; error: { message: string; responseCode?: number; code?: string } };

/** An error from the SMTP thread, with the SMTP server's reply code when it gave one. */
export class SmtpError extends Error {
  constructor(
    message: string,
    readonly responseCode?: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * The thread's own code: plain JavaScript, so the same text runs under the compiled app and under the
 * tests' TypeScript loader. It loads nodemailer from the path the app resolved.
 */
const THREAD_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const transporter = require(workerData.nodemailer).createTransport(workerData.options);
parentPort.on('message', (message) => {
  if (message.close) {
    transporter.close();
    parentPort.close();
    return;
  }
  transporter.sendMail(message.envelope).then(
    (info) => parentPort.postMessage({ id: message.id, messageId: info.messageId, response: String(info.response ?? '') }),
    (error) =>
      parentPort.postMessage({
        id: message.id,
        error: { message: String((error && error.message) || error), responseCode: error && error.responseCode, code: error && error.code },
      }),
  );
});
`;

/**
 * nodemailer's SMTP client (its pool of connections) on a thread of its own. Writing an email out
 * (the MIME streams and the socket writes) costs about a millisecond of CPU per email; here it no
 * longer takes that from the event loop that answers HTTP requests and runs the jobs. Should the thread
 * stop, the emails it held are refused (their jobs retry them, as after a lost connection) and the
 * next email starts a new thread. It keeps the process alive only while it holds emails, so a process
 * that stops need not close it (the pool on the event loop was not closed either).
 */
export class SmtpThread {
  private worker?: Worker;
  private readonly pending = new Map<number, { resolve: (answer: { messageId: string; response: string }) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private closing?: Promise<void>;

  /** Starts the thread at once, so the first email does not wait for nodemailer to load. */
  constructor(private readonly options: Record<string, unknown>) {
    this.worker = this.start();
  }

  send(envelope: SendMailOptions): Promise<{ messageId: string; response: string }> {
    if (this.closing) return Promise.reject(new Error('the mail transport is closed'));
    const worker = (this.worker ??= this.start());
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.ref(); // the process waits for the emails the thread holds, and only for them
      try {
        worker.postMessage({ id, envelope });
      } catch (error) {
        // Something in the envelope cannot be copied to the thread: this email is refused, the others go on.
        this.pending.delete(id);
        if (!this.pending.size) worker.unref();
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Lets the pool close its connections, then ends the thread; emails still in it are refused. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const worker = this.worker;
      if (!worker) return;
      const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ close: true });
      const timer = setTimeout(() => void worker.terminate(), 5000);
      await ended;
      clearTimeout(timer);
    })();
    return this.closing;
  }

  private start(): Worker {
    const worker = new Worker(THREAD_CODE, { eval: true, workerData: { nodemailer: require.resolve('nodemailer'), options: this.options } });
    worker.on('message', (answer: Answer) => {
      const waiting = this.pending.get(answer.id);
      if (!waiting) return;
      this.pending.delete(answer.id);
      if (!this.pending.size) worker.unref();
      if ('error' in answer) waiting.reject(new SmtpError(answer.error.message, answer.error.responseCode, answer.error.code));
      else waiting.resolve(answer);
    });
    let gone = false;
    // 'error' is followed by 'exit': only the first counts, or the second would refuse a newer thread's emails.
    const stopped = (why: string) => {
      if (gone) return;
      gone = true;
      if (this.worker === worker) this.worker = undefined;
      const refused = [...this.pending.values()];
      this.pending.clear();
      refused.forEach((p) => p.reject(new Error(`the SMTP thread stopped (${why}) before the server answered`)));
    };
    worker.unref();
    worker.on('error', (error) => stopped(error.message));
    worker.on('exit', (code) => stopped(`exit code ${code}`));
    return worker;
  }
}
