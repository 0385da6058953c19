import Handlebars from 'handlebars';

/**
 * The pages behind the links in a digest email (unsubscribe, how often), for people who are not
 * signed in and may be on a phone. They carry no script: a button is a form that POSTs.
 */
const handlebars = Handlebars.create();

const HEAD = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{title}}</title></head>
<body style="font-family: Georgia, serif; max-width: 560px; margin: 40px auto; padding: 0 16px; color: #222;">`;
/** Every page behind an email link leads back to the app. */
export const BACK_TO_APP = '<p style="margin-top: 32px;"><a href="/">Go to R2C Tracker</a></p>';
const FOOT = `</body>
</html>
`;

export const FRESH_LINK_ADVICE =
  'Every digest email carries a fresh link: use the one in your latest digest email. Or sign in to R2C Tracker and choose how often you get the digest under Settings.';

const UNSUBSCRIBE = handlebars.compile<{ title: string; email: string; unsubscribed: boolean; action: string }>(
  `${HEAD}
<h1 style="font-size: 22px;">{{title}}</h1>
{{#if unsubscribed}}
<p>{{email}} will no longer receive the R2C coalition digest.</p>
<p style="color: #555;">Changed your mind? Sign in to R2C Tracker and choose how often you get it under Settings, or ask the programme staff.</p>
{{else}}
<p>Stop sending the R2C coalition digest to {{email}}?</p>
<form method="post" action="{{action}}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit" style="font-size: 16px; padding: 8px 14px;">Unsubscribe</button>
</form>
{{/if}}
${BACK_TO_APP}
${FOOT}`,
  { strict: true },
);

const REFUSED = handlebars.compile<{ title: string; message: string; advice: string }>(
  `${HEAD}
<h1 style="font-size: 22px;">{{title}}</h1>
<p>{{message}}</p>
<p>{{advice}}</p>
${BACK_TO_APP}
${FOOT}`,
  { strict: true },
);

/** The unsubscribe link's page: a button that unsubscribes, or word that it is done. */
export function unsubscribePage(view: { email: string; unsubscribed: boolean; action: string }): string {
  return UNSUBSCRIBE({ ...view, title: view.unsubscribed ? 'You are unsubscribed' : 'Unsubscribe from the R2C coalition digest' });
}

const TITLES: Record<number, string> = {
  400: 'This link does not work',
  403: 'This link no longer works',
  404: 'This link no longer works',
  410: 'This link has expired',
};

/** What a browser sees when a digest email's link is refused: why, and how to get one that works. */
export function refusedLinkPage(statusCode: number, message: string): string {
  return REFUSED({ title: TITLES[statusCode] ?? 'This link does not work', message, advice: FRESH_LINK_ADVICE });
}
