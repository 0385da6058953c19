import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { listenOn } from '../../support/ports';

export interface Delivery {
  to: string[];
  key: string;
  messageId: string;
  subject: string;
  raw: string;
  at: number;
}

/**
 * A loopback SMTP server the test steers: it accepts up to `acceptLimit` messages and then holds each
 * further one at the end of DATA without answering (the sender waits, nothing is accepted); it can
 * answer with an SMTP error code, or not listen at all. A held message whose connection drops was
 * never accepted and is forgotten, as a real server would.
 */
export class GatedSmtp {
  readonly delivered: Delivery[] = [];
  acceptLimit = Infinity;
  refuse?: { code: number; message: string };
  held = 0;
  /** Every DATA the server saw the end of, accepted, refused or held: the sender's attempts. */
  readonly attempts: { key: string; at: number; answer: 'accepted' | 'refused' | 'held' }[] = [];
  private server?: SMTPServer;
  private readonly waiting: (() => void)[] = [];
  private readonly closed = new Set<string>();
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: 10 * 1024 * 1024,
      closeTimeout: 500,
      onClose: (session: SMTPServerSession) => void this.closed.add(session.id),
      onData: (stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
          const key = head.match(/^X-R2C-Key: (.*)$/im)?.[1]?.trim() ?? '';
          if (this.refuse) {
            this.attempts.push({ key, at: Date.now(), answer: 'refused' });
            const error = Object.assign(new Error(this.refuse.message), { responseCode: this.refuse.code });
            return callback(error);
          }
          const accept = () => {
            this.attempts.push({ key, at: Date.now(), answer: 'accepted' });
            this.delivered.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              key,
              messageId: head.match(/^Message-ID: (.*)$/im)?.[1]?.trim() ?? '',
              subject: head.match(/^Subject: (.*)$/im)?.[1]?.trim() ?? '',
              raw,
              at: Date.now(),
            });
            callback();
          };
          if (this.delivered.length < this.acceptLimit) return accept();
          this.held++;
          this.attempts.push({ key, at: Date.now(), answer: 'held' });
          this.waiting.push(() => {
            this.held--;
            if (!this.closed.has(session.id)) accept();
          });
        });
      },
    });
    // A dropped connection (a killed sender) is normal here.
    this.server.on('error', () => undefined);
    // Port 0 the first time: the kernel hands out a free one as it binds; a restart keeps the port the app was given.
    this.port = await listenOn(this.server.server, this.port);
    return this;
  }

  /** Lifts the limit and answers every held message. */
  open(): void {
    this.acceptLimit = Infinity;
    for (const release of this.waiting.splice(0)) release();
  }

  /** Accepts `n` of the held messages (oldest first); later ones are held again. */
  acceptHeld(n: number): void {
    const released = this.waiting.splice(0, n);
    this.acceptLimit = this.delivered.length + released.length;
    for (const release of released) release();
  }

  to(address: string): Delivery[] {
    return this.delivered.filter((m) => m.to.includes(address));
  }

  /** Stops listening (new connections are refused) and drops the open ones. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.waiting.splice(0);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
