import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type { Clock } from '@r2c/core';
import { inlineStyles, inlineStylesOfShared, wrapText } from './client-safe';
import { fillSlots, MailFill } from './outbox/mail-fills';
import { SmtpThread } from './smtp-thread';

export interface MailMessage {
  /** Unique per email ever asked for; also becomes the Message-ID, so a resend is recognisable. */
  idempotencyKey: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  /** Inline images the HTML shows with `<img src="cid:…">`. */
  attachments?: MailAttachment[];
  /** When text and html are a shared body: this email's pieces, put into its slots. */
  fills?: MailFill[];
}

/** An inline image, stored with its email so that every attempt sends the same bytes. */
export interface MailAttachment {
  /** The id the HTML refers to as `cid:<cid>`. */
  cid: string;
  filename: string;
  contentType: string;
  contentBase64: string;
}

export interface MailReceipt {
  messageId: string;
  response: string;
}

/** A refusal the SMTP server gave as final (5xx): retrying cannot help. */
export class PermanentMailError extends Error {}

/** The one way anything in the product sends an email. */
export abstract class MailTransport {
  abstract send(message: MailMessage): Promise<MailReceipt>;
  abstract close(): Promise<void>;
}

export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = from.match(/@([^>\s]+)/)?.[1] ?? 'r2c.local';
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@${domain}>`;
}

function envelope(from: string, message: MailMessage, clock: Clock) {
  return {
    from,
    // nodemailer would write the Date header from the system clock.
    date: clock.now(),
    to: message.to,
    subject: message.subject,
    // Shaped for mail clients when sent, so the outbox keeps what was asked for and a fix here reaches emails already queued.
    text: wrapText(message.fills ? fillSlots(message.text, message.fills, 'text') : message.text),
    // A shared body's styles are inlined once for all its emails; its slots, plain words, come through unchanged.
    html:
      message.html === undefined
        ? undefined
        : message.fills
          ? fillSlots(inlineStylesOfShared(message.html), message.fills, 'html')
          : inlineStyles(message.html),
    attachments: message.attachments?.map((a) => ({
      cid: a.cid,
      filename: a.filename,
      contentType: a.contentType,
      content: Buffer.from(a.contentBase64, 'base64'),
      contentDisposition: 'inline' as const,
    })),
    headers: { ...message.headers, 'X-R2C-Key': message.idempotencyKey },
    messageId: messageIdFor(message.idempotencyKey, from),
  };
}

export class SmtpMailTransport extends MailTransport {
  private readonly smtp: SmtpThread;

  constructor(
    url: string,
    private readonly from: string,
    private readonly clock: Clock,
  ) {
    super();
    // The options go with the url in one object: as a second argument nodemailer takes them for message
    // defaults, so the pool was off and every email opened its own SMTP connection (about 70 emails/s).
    this.smtp = new SmtpThread({ url, pool: true, maxConnections: 5, connectionTimeout: 10000, socketTimeout: 30000 });
  }

  async send(message: MailMessage): Promise<MailReceipt> {
    try {
      return await this.smtp.send(envelope(this.from, message, this.clock));
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      if (code !== undefined && code >= 500) throw new PermanentMailError(error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  close(): Promise<void> {
    return this.smtp.close();
  }
}

/** The embedded default: each email becomes DATA_DIR/outbox/<key>.eml; the same key overwrites, never duplicates. */
export class FileMailTransport extends MailTransport {
  private readonly transporter = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(
    private readonly dir: string,
    private readonly from: string,
    private readonly clock: Clock,
  ) {
    super();
    // Emails carry unsubscribe links that act for their reader: for the app's user alone.
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  async send(message: MailMessage): Promise<MailReceipt> {
    const info = await this.transporter.sendMail(envelope(this.from, message, this.clock));
    const name = message.idempotencyKey.replace(/[^\w.-]+/g, '_').slice(0, 180);
    const file = join(this.dir, `${name}.eml`);
    writeFileSync(file + '.tmp', info.message as Buffer, { mode: 0o600 });
    renameSync(file + '.tmp', file);
    return { messageId: info.messageId, response: `written to ${file}` };
  }

  async close(): Promise<void> {}
}
