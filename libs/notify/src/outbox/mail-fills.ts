/**
 * One recipient's piece of a shared body: the slot (a token of letters, digits and dashes that appears
 * in the body) and what replaces it in the plain text and, already escaped, in the HTML.
 */
export interface MailFill {
  slot: string;
  text: string;
  html: string;
}

/** A body many emails share, stored once in the outbox; each email's own pieces go into its slots when it is sent. */
export interface SharedMailBody {
  text: string;
  html?: string;
}

export const SLOT = /^[A-Za-z0-9-]{16,100}$/;

export function fillSlots(body: string, fills: readonly MailFill[], kind: 'text' | 'html'): string {
  return fills.reduce((out, fill) => out.split(fill.slot).join(fill[kind]), body);
}
