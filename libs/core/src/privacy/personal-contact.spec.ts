import { findPersonalContact, personalContactReason } from './personal-contact';

/** The backtracking versions took 9 s to minutes on these inputs; a bound this wide only fails on them, never on a busy machine. */
const LINEAR_BOUND_MS = 3000;

describe('findPersonalContact', () => {
  const emails = [
    'Maria said to write to maria.lopez@gmail.com if the time changes',
    'Contact: j_nguyen+library@riverbend.k12.mt.us',
    'Her email is ANA.PEREZ@YAHOO.COM.',
    '(tom@example.org)',
    'Write to ana [at] example [dot] org',
    'ana (at) example (dot) org asked for the slides',
    'farid at gmail dot com wants to volunteer',
  ];
  it.each(emails)('finds the email address in %j', (text) => {
    expect(findPersonalContact(text)).toBe('email address');
  });

  const phones = [
    'Call her at (406) 555-0199 about the Saturday group',
    'His cell is 406-555-0199.',
    '406.555.0199',
    'text 406 555 0199 for a ride',
    'Number: 4065550199',
    '+1 406 555 0199',
    '1-800-555-0199 (the shelter line)',
    '+1 (406) 555-0199',
    'She gave us 555-123-4567 to call back',
    'phone 555-0199 after 5',
    'Call 555 0199',
    'Her UK number is +44 20 7946 0958',
    '+33 1 42 68 53 00',
    'tel:406-555-0199',
  ];
  it.each(phones)('finds the phone number in %j', (text) => {
    expect(findPersonalContact(text)).toBe('phone number');
  });

  const programmeText = [
    'Attendance rose from 12 to 18 between 2026-03-02 and 2026-03-16.',
    'Story time on 3/16/2026 at 10:30–11:15, then 11:30-12:15.',
    'We ran sessions in 2025-2026 for 250-1000 visitors a month.',
    'Survey of 14 families: mean 3.8 of 5, n = 14; 1,250 books borrowed.',
    'Budget $2,500.00; 120 200 3000 flyers printed in three runs',
    'ISBN 978-0-306-40615-7 was the book we read.',
    'Zip code 59801-1234 is the branch.',
    'Library card numbers are 14 digits, like 21234001234567.',
    'Cycle 3 of 4: 57 participants, 4 sessions, 2 volunteers.',
    'Follow us @riverbendlibrary on Instagram.',
    'Scores: 1: 0 · 2: 1 · 3: 4 · 4: 5 · 5: 1',
    'Timestamp 2026-03-16T10:30:00Z in the sign-in app',
    'We reached 250-1000 families; the number of visitors was 120-1500 a week.',
    'Ages 5-12, 13-18 and 65+ came; +5 on the trust score, +12 newcomers',
    'Meeting at 7 pm in room 203; 555 people came this year.',
    'Ana and Farid greeted families at the door.',
  ];
  it.each(programmeText)('leaves programme text alone: %j', (text) => {
    expect(findPersonalContact(text)).toBeNull();
  });

  const disguised: [string, string, 'email address' | 'phone number'][] = [
    ['a fullwidth at sign', 'Write to ana＠example.org', 'email address'],
    ['a small at sign', 'ana﹫example.org', 'email address'],
    ['an ideographic full stop', 'ana@example。org', 'email address'],
    ['a halfwidth ideographic full stop', 'ana@example｡org', 'email address'],
    ['a fullwidth full stop', 'ana@example．org', 'email address'],
    ['the whole address in fullwidth letters', 'ａｎａ＠ｅｘａｍｐｌｅ．ｏｒｇ', 'email address'],
    ['spaces around the at sign', 'Write to ana @ example.org', 'email address'],
    ['a fullwidth at sign with spaces', 'ana ＠ example。org', 'email address'],
    ['a zero-width space before the at sign', 'ana\u200B@example.org', 'email address'],
    ['a zero-width non-joiner in the domain', 'ana@exa\u200Cmple.org', 'email address'],
    ['a zero-width joiner in the top-level domain', 'ana@example.o\u200Drg', 'email address'],
    ['word joiners around the at sign', 'ana\u2060@\u2060example.org', 'email address'],
    ['byte-order marks', '\uFEFFana@example\uFEFF.org', 'email address'],
    ['a soft hyphen', 'ana@exam\u00ADple.org', 'email address'],
    ['zero-width spaces between the digits', 'Call 406\u200B555\u200B0199', 'phone number'],
    ['soft hyphens between the digits', '406\u00AD555\u00AD0199', 'phone number'],
    ['fullwidth digits', '（４０６）５５５－０１９９', 'phone number'],
    ['fullwidth digits after a plus', '＋４４ ２０ ７９４６ ０９５８', 'phone number'],
    ['fullwidth digits after a word', 'text ５５５－０１９９ after 5', 'phone number'],
  ];
  it.each(disguised)('finds contact details disguised with %s: %j', (_how, text, found) => {
    expect(findPersonalContact(text)).toBe(found);
  });

  const programmeTextInOtherCharacters = [
    'Dates like 2026-03-12 and ２０２６-０３-１２ at 10:30 or １０：３０.',
    'Rated on a 1–5 scale by 120 people; ① to ⑤ on the form.',
    'Follow us ＠riverbendlibrary and @ the branch on Saturdays.',
    'We met at 5 @ the branch. Org chart updated.',
    'Soft\u00ADware for 120\u200B people, 2025\u20602026.',
  ];
  it.each(programmeTextInOtherCharacters)('leaves programme text in other characters alone: %j', (text) => {
    expect(findPersonalContact(text)).toBeNull();
  });

  it('answers quickly for long text with no contact details', () => {
    const long = `${'a'.repeat(20000)}@${'1'.repeat(5000)} ${'555 '.repeat(3000)}`;
    const started = Date.now();
    findPersonalContact(long);
    expect(Date.now() - started).toBeLessThan(LINEAR_BOUND_MS);
  });

  const hostile = [
    `${' '.repeat(100_000)}@${' '.repeat(100_000)}x`,
    `a${' @'.repeat(100_000)}`,
    '\u200B'.repeat(200_000),
    `${'＠'.repeat(100_000)}${'。'.repeat(100_000)}`,
    `${'a'.repeat(200_000)} at`,
  ];
  it.each(hostile.map((text, i) => [i + 1, text]))('answers 200,000 characters of hostile shape %d in linear time', (_n, text) => {
    const started = Date.now();
    expect(findPersonalContact(text)).toBeNull();
    expect(Date.now() - started).toBeLessThan(LINEAR_BOUND_MS);
  });

  it('says what was found and why it is refused', () => {
    expect(personalContactReason('text', 'phone number')).toMatch(/^text contains a phone number\. Evidence is about programmes, not people/);
    expect(personalContactReason('note', 'email address')).toMatch(/^note contains an email address\./);
  });
});
