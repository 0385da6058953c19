import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '@r2c/access';
import { Transactions } from '@r2c/core';
import type { DigestFrequency } from './digest-period';
import { DigestPreferenceView, LinkedDigestPreference, MONTHLY_RULE } from './digest-preferences.dto';
import { DIGEST_ROLES } from './digest-sources';
import { MailPreference } from './digest.entity';
import { maskedEmail } from './unsubscribe.service';
import { DigestChoice } from './digest-choice';
import { DigestLinks } from './digest-links';
import type { LinkedPerson } from './digest-links';
import { BACK_TO_APP } from './link-pages';

type Person = LinkedPerson;

const CHOICES: { frequency: DigestFrequency; label: string }[] = [
  { frequency: 'weekly', label: 'Every week' },
  { frequency: 'monthly', label: 'Once a month' },
  { frequency: 'none', label: 'No digest' },
];

const IN_WORDS: Record<DigestFrequency, string> = { weekly: 'every week', monthly: 'once a month', none: 'no digest' };

const PAGE = Handlebars.create().compile<{
  email: string;
  now: string;
  saved: boolean;
  rule: string;
  choices: { label: string; action: string; current: boolean }[];
}>(
  `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>How often you get the R2C coalition digest</title></head>
<body style="font-family: Georgia, serif; max-width: 560px; margin: 40px auto; padding: 0 16px; color: #222;">
<h1 style="font-size: 22px;">How often you get the coalition digest</h1>
<p role="status">{{#if saved}}Saved: {{/if}}{{email}} gets {{now}}.</p>
{{#each choices}}
<form method="post" action="{{action}}" style="display: inline-block; margin: 0 8px 8px 0;">
<button type="submit" style="font-size: 16px; padding: 8px 14px;"{{#if current}} aria-pressed="true" disabled{{/if}}>{{label}}</button>
</form>
{{/each}}
<p style="color: #555;">{{rule}}</p>
${BACK_TO_APP}
</body>
</html>
`,
  { strict: true },
);

const effective = (row: MailPreference | null): DigestFrequency => row?.digestFrequency ?? 'weekly';

/**
 * Weekly, monthly or no digest: chosen in the app (/me) or from the signed link in every digest email.
 * "none" is the same state the one-click unsubscribe link sets, so either undoes the other.
 */
@Injectable()
export class DigestPreferencesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly links: DigestLinks,
    private readonly choice: DigestChoice,
  ) {}

  async forUser(actor: Principal): Promise<DigestPreferenceView> {
    const em = this.dataSource.manager;
    return this.viewOf(await this.links.account(em, actor.id), await em.findOneBy(MailPreference, { userId: actor.id }));
  }

  setForUser(actor: Principal, frequency: DigestFrequency): Promise<DigestPreferenceView> {
    return this.tx.run(async (em) => {
      const person = await this.links.account(em, actor.id);
      return this.viewOf(person, await this.choice.set(em, person, frequency, 'digest_frequency'));
    });
  }

  async viaLink(token: string): Promise<LinkedDigestPreference> {
    const userId = await this.userOf(token);
    const em = this.dataSource.manager;
    const person = await this.links.person(em, userId);
    return { ...this.viewOf(person, await em.findOneBy(MailPreference, { userId })), email: maskedEmail(person.email) };
  }

  async setViaLink(token: string, frequency: DigestFrequency): Promise<LinkedDigestPreference> {
    const userId = await this.userOf(token);
    return this.tx.run(async (em) => {
      const person = await this.links.person(em, userId);
      return { ...this.viewOf(person, await this.choice.set(em, person, frequency, 'digest_frequency')), email: maskedEmail(person.email) };
    });
  }

  page(answer: LinkedDigestPreference, token: string, saved: boolean): string {
    const action = (frequency: DigestFrequency) => `/api/v1/digest-preferences?token=${encodeURIComponent(token)}&frequency=${frequency}`;
    return PAGE({
      email: answer.email,
      now: IN_WORDS[answer.frequency],
      saved,
      rule: MONTHLY_RULE,
      choices: CHOICES.map((c) => ({ label: c.label, action: action(c.frequency), current: c.frequency === answer.frequency })),
    });
  }

  private viewOf(person: Person, row: MailPreference | null): DigestPreferenceView {
    return { frequency: effective(row), receivesDigest: person.active && (DIGEST_ROLES as readonly string[]).includes(person.role), monthlyRule: MONTHLY_RULE };
  }

  private userOf(token: string): Promise<string> {
    return this.links.userOf(token, 'This link is not valid: it was changed or cut short. Use the link in your latest digest email as it is.');
  }
}
