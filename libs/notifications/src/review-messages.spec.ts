import { dailyEmail, inboxEntry, linkOf, reviewEmail, ReviewEventFacts } from './review-messages';

const APP = 'https://r2c.example.org';
const event = (overrides: Partial<ReviewEventFacts> = {}): ReviewEventFacts => ({
  kind: 'changes_requested',
  eventId: 'ev-1',
  cycleId: 'c-1',
  cycleNumber: 2,
  cycleTitle: 'Saturday welcome',
  initiativeId: 'i-1',
  initiativeTitle: 'Welcome Wednesdays',
  libraryName: 'Riverbend Public Library',
  actorName: 'Maria Lopez',
  note: 'Please add the school visit numbers.',
  phase: 'evidence',
  ...overrides,
});
const rosa = { userId: 'u-1', email: 'rosa@library.test', name: 'Rosa', role: 'librarian' as const };

describe('review messages', () => {
  it('link each kind to the screen it concerns', () => {
    expect(linkOf('review_requested', 'c-1', APP)).toBe(`${APP}/cycles/c-1/review`);
    expect(linkOf('changes_requested', 'c-1', APP)).toBe(`${APP}/cycles/c-1`);
    expect(linkOf('comment', 'c-1', APP)).toBe(`${APP}/cycles/c-1`);
    expect(linkOf('approved', 'c-1', APP)).toBe(`${APP}/cycles/c-1/summary`);
  });

  it('link a comment to the review screen for a coach, as the inbox does, and to the cycle for a librarian', () => {
    expect(linkOf('comment', 'c-1', APP, true)).toBe(`${APP}/cycles/c-1/review`);
    expect(linkOf('changes_requested', 'c-1', APP, true)).toBe(`${APP}/cycles/c-1`);
    const comment = event({ kind: 'comment', note: 'Strong numbers.', phase: 'review' });
    expect(reviewEmail(comment, { ...rosa, role: 'coach' }, APP).text).toContain(`Open it: ${APP}/cycles/c-1/review`);
    expect(reviewEmail(comment, rosa, APP).text).toContain(`Open it: ${APP}/cycles/c-1\n`);
    const entries = [inboxEntry(comment)];
    expect(dailyEmail({ ...rosa, reviewer: true }, entries, '2026-03-17', APP).html).toContain(`href="${APP}/cycles/c-1/review"`);
    expect(dailyEmail({ ...rosa, reviewer: false }, entries, '2026-03-17', APP).html).toContain(`href="${APP}/cycles/c-1"`);
  });

  it('say what happened, who did it, the note, the phase it went back to and what to do next', () => {
    const { title, body } = inboxEntry(event());
    expect(title).toBe('Changes requested: cycle 2 (“Saturday welcome”) of “Welcome Wednesdays”');
    expect(body).toBe(
      'Maria Lopez asked for changes and sent the cycle back to the evidence phase. Their note: “Please add the school visit numbers.” Next: make the changes, then send the cycle for review again.',
    );
    expect(inboxEntry(event({ kind: 'review_requested', note: null, phase: 'review' })).body).toContain('Next: read it on the review screen');
  });

  it('email once per event and person, saying why the person received it, with the note escaped in HTML', () => {
    const mail = reviewEmail(event({ note: '<script>alert(1)</script>' }), rosa, APP);
    expect(mail.idempotencyKey).toBe('review:ev-1:u-1');
    expect(mail.to).toBe('rosa@library.test');
    expect(mail.text).toContain('<script>alert(1)</script>');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.text).toContain('You receive this because you are a librarian of "Welcome Wednesdays" at Riverbend Public Library.');
    expect(mail.text).toContain(`Open it: ${APP}/cycles/c-1`);
  });

  it('list a day’s events in one email keyed by person and day', () => {
    const entries = [inboxEntry(event()), inboxEntry(event({ kind: 'comment', note: 'Strong numbers.', phase: 'review' }))];
    const mail = dailyEmail({ ...rosa, reviewer: false }, entries, '2026-03-17', APP);
    expect(mail.idempotencyKey).toBe('review-daily:u-1:2026-03-17');
    expect(mail.subject).toBe('R2C Tracker: 2 review updates (2026-03-17)');
    expect(mail.text.indexOf('Changes requested')).toBeLessThan(mail.text.indexOf('New comment'));
    expect(mail.html).toContain(`href="${APP}/cycles/c-1"`);
  });
});
