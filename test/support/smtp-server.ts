import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { listenOn } from './ports';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  subject: string;
  key?: string;
}

/**
 * A real SMTP server on loopback. `refuse` makes it answer with an SMTP error code, like a relay
 * that is down (4xx) or rejects a message for good (5xx).
 */
export class TestSmtp {
  readonly received: ReceivedMail[] = [];
  refuse?: { code: number; message: string };
  private server?: SMTPServer;
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (this.refuse) {
            const error = new Error(this.refuse.message) as Error & { responseCode: number };
            error.responseCode = this.refuse.code;
            return callback(error);
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' '); // unfold long header lines
          this.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            subject: head.match(/^Subject: (.*)$/im)?.[1]?.trim() ?? '',
            key: head.match(/^X-R2C-Key: (.*)$/im)?.[1]?.trim(),
          });
          callback();
        });
      },
    });
    // Port 0 the first time: the kernel hands out a free one as it binds; a restart keeps the port the app was given.
    this.port = await listenOn(this.server.server, this.port);
    return this;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }
}
