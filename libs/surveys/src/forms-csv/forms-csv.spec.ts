import { DEFAULT_SCALE_LABELS, readAnswer, readResponses, tallyOf } from './answers';
import { dayOf } from './dates';
import { previewColumns, readSheet, rowsIn, sourceOf, timestampColumn, UnreadableCsv } from './forms-csv';
import { privacyFlag } from './privacy';
import { normalisedWording } from './wording';

const ITEMS = [
  { id: 'trust', text: 'I trust the library.' },
  { id: 'belong', text: 'I feel welcome and that I belong here.' },
  { id: 'heard', text: 'The library listens to people like me.' },
];

const GOOGLE = [
  'Timestamp,Your name,Email address,I trust the library,How much do you agree? [I feel welcome and that I belong here.],Phone,Anything else?',
  '3/10/2026 10:15:32,Ana Ruiz,ana@example.org,5,Agree,(503) 555-0199,Loved it',
  '3/10/2026 10:20:01,Sam,sam@example.org,4,Strongly agree,,"Came with my neighbour,',
  'she liked it too"',
  '3/11/2026 18:02:44,,,,,,',
  '3/12/2026 09:00:00,Lee,lee@example.org,7,Sometimes,503-555-0123,',
].join('\n');

describe('reading a Forms CSV', () => {
  it('reads the header row and every row with the line it starts on, a quoted answer over two lines included', () => {
    const sheet = readSheet(GOOGLE);
    expect(sheet.headers).toHaveLength(7);
    expect(sheet.rows.map((r) => r.line)).toEqual([2, 3, 5, 6]);
    expect(sheet.rows[1].cells[6]).toBe('Came with my neighbour,\nshe liked it too');
  });

  it('drops a byte-order mark and reads semicolon-separated files', () => {
    const sheet = readSheet('\uFEFFTimestamp;I trust the library\n2026-03-10 10:00;4\n');
    expect(sheet.headers).toEqual(['Timestamp', 'I trust the library']);
    expect(sheet.rows[0].cells).toEqual(['2026-03-10 10:00', '4']);
  });

  it('refuses a file it cannot read, naming the line, and an empty one', () => {
    expect(() => readSheet('a,b\n"x,1\n')).toThrow(UnreadableCsv);
    const refusal = (() => {
      try {
        readSheet('a,b\n1,2\n"x,1\n');
        return null;
      } catch (error) {
        return error as UnreadableCsv;
      }
    })();
    expect(refusal?.line).toBe(3);
    expect(refusal?.message).toMatch(/cannot be read as CSV/);
    expect(() => readSheet('')).toThrow(/empty/);
  });

  it('reads at most the rows asked for, and then says how many the file has', () => {
    const file = ['Timestamp,I trust the library', ...Array.from({ length: 12 }, (_, i) => `3/10/2026 10:${i}0,4`)].join('\r\n');
    expect(readSheet(file, 12)).not.toHaveProperty('rowsInFile');
    const cut = readSheet(file, 10);
    expect(cut.rows.length).toBeLessThanOrEqual(11);
    expect(cut.rowsInFile).toBe(12);
  });

  const counts: [string, number][] = [
    ['Q\n1\n2\n3', 3],
    ['\uFEFFQ\r\n1\r\n2\r\n', 2],
    ['Q\n\n1\n\n\n2\n', 2],
    ['Q,A\n"two\nlines",4\n"a ""quoted"" word",5', 2],
    ['Q', 0],
    [GOOGLE, 4],
  ];
  it.each(counts)('counts the rows of %j as the reader does: %d', (text, rows) => {
    expect(rowsIn(text)).toBe(rows);
    expect(readSheet(text).rows).toHaveLength(rows);
  });

  it('tells Google Forms, Microsoft Forms and other CSV apart by the header row', () => {
    expect(sourceOf(['Timestamp', 'Q'])).toBe('google_forms');
    expect(sourceOf(['ID', 'Start time', 'Completion time', 'Email', 'Name', 'Q'])).toBe('microsoft_forms');
    expect(sourceOf(['Q1', 'Q2'])).toBe('csv');
    expect(timestampColumn(['ID', 'Start time', 'Completion time'])).toBe(2);
  });

  it('reads the day of the timestamps both Forms write', () => {
    expect(dayOf('3/10/2026 10:15:32')).toBe('2026-03-10');
    expect(dayOf('2026/03/10 10:15:32 AM MST')).toBe('2026-03-10');
    expect(dayOf('3/10/26 10:15')).toBe('2026-03-10');
    expect(dayOf('2026-02-30 10:00')).toBeNull();
    expect(dayOf('yesterday')).toBeNull();
  });
});

describe('matching columns to survey items', () => {
  it('compares wording as a person would', () => {
    expect(normalisedWording('  3. I TRUST the library?* ')).toBe('i trust the library');
    expect(normalisedWording('The library listens to people like me')).toBe(normalisedWording('The library listens to people like me.'));
    expect(normalisedWording('I’m heard')).toBe("i'm heard");
  });

  it('maps exact wording, a grid row in brackets and wording inside a longer header; each item once', () => {
    const columns = previewColumns(readSheet(GOOGLE), ITEMS);
    expect(columns.map((c) => [c.header, c.itemId, c.match])).toEqual([
      ['Timestamp', null, null],
      ['Your name', null, null],
      ['Email address', null, null],
      ['I trust the library', 'trust', 'exact'],
      ['How much do you agree? [I feel welcome and that I belong here.]', 'belong', 'bracketed'],
      ['Phone', null, null],
      ['Anything else?', null, null],
    ]);
    const longer = previewColumns(readSheet('Please rate: I trust the library.,I trust the library\n4,5\n'), ITEMS);
    expect(longer.map((c) => c.itemId)).toEqual([null, 'trust']);
  });

  it('never maps a column that looks like personal data, even if its header matches an item', () => {
    const columns = previewColumns(readSheet('Email,Other\na@b.org,1\n'), [{ id: 'x', text: 'Email' }]);
    expect(columns[0]).toMatchObject({ itemId: null, privacy: { kind: 'email' } });
  });
});

describe('patron privacy flags', () => {
  it('flags columns asking for names, email addresses or phone numbers by their header', () => {
    expect(privacyFlag('Your name', [])?.kind).toBe('name');
    expect(privacyFlag('Name', [])?.kind).toBe('name');
    expect(privacyFlag("Participant's first name (optional)", [])?.kind).toBe('name');
    expect(privacyFlag('E-mail', [])?.kind).toBe('email');
    expect(privacyFlag('Mobile number', [])?.kind).toBe('phone');
  });

  it('flags columns whose answers look like email addresses or phone numbers, whatever the header', () => {
    expect(privacyFlag('Contact', ['ana@example.org', '', 'sam@example.org'])?.kind).toBe('email');
    expect(privacyFlag('How can we reach you?', ['503-555-0199', '+1 (503) 555-0123', 'no thanks'])?.kind).toBe('phone');
  });

  it('leaves questions that merely mention a name, and scale answers and dates, alone', () => {
    expect(privacyFlag('I know the name of a librarian here', ['4', '5'])).toBeNull();
    expect(privacyFlag('I trust the library', ['4', '5', '3', '2', '1'])).toBeNull();
    expect(privacyFlag('Timestamp', ['3/10/2026 10:15:32', '3/11/2026 18:02:44'])).toBeNull();
  });
});

describe('reading answers', () => {
  it('reads numbers, "4 - Agree" and the scale labels; blank is no answer', () => {
    expect(readAnswer('4', DEFAULT_SCALE_LABELS)).toEqual({ value: 4 });
    expect(readAnswer('5.0', DEFAULT_SCALE_LABELS)).toEqual({ value: 5 });
    expect(readAnswer('5 - Strongly agree', DEFAULT_SCALE_LABELS)).toEqual({ value: 5 });
    expect(readAnswer('2 (Disagree)', DEFAULT_SCALE_LABELS)).toEqual({ value: 2 });
    expect(readAnswer(' strongly AGREE ', DEFAULT_SCALE_LABELS)).toEqual({ value: 5 });
    expect(readAnswer('Neither agree nor disagree', DEFAULT_SCALE_LABELS)).toEqual({ value: 3 });
    expect(readAnswer('  ', DEFAULT_SCALE_LABELS)).toBeNull();
  });

  it('refuses what is not on the scale without repeating personal details', () => {
    expect(readAnswer('7', DEFAULT_SCALE_LABELS)).toEqual({ problem: '"7" is not on the 1–5 scale' });
    expect(readAnswer('4.5', DEFAULT_SCALE_LABELS)).toEqual({ problem: '"4.5" is not on the 1–5 scale' });
    expect(readAnswer('ana@example.org', DEFAULT_SCALE_LABELS)).toEqual({ problem: 'what looks like an email address is not on the 1–5 scale' });
    expect(readAnswer('503-555-0199', DEFAULT_SCALE_LABELS)).toEqual({ problem: 'what looks like a phone number is not on the 1–5 scale' });
  });

  it('lists every bad row with its line and reasons, leaves out empty ones, and tallies the rest', () => {
    const sheet = readSheet(GOOGLE);
    const mapping = [
      { column: 3, itemId: 'trust', header: 'I trust the library' },
      { column: 4, itemId: 'belong', header: 'belong' },
    ];
    const { responses, badRows, emptyLines } = readResponses(sheet, mapping, DEFAULT_SCALE_LABELS);
    expect(responses.map((r) => r.line)).toEqual([2, 3]);
    expect(emptyLines).toEqual([5]);
    expect(badRows).toEqual([
      { line: 6, reasons: ['"7" is not on the 1–5 scale (column 4, "I trust the library")', '"Sometimes" is not on the 1–5 scale (column 5, "belong")'] },
    ]);
    expect(tallyOf('trust', responses)).toEqual({ itemId: 'trust', responses: 2, mean: 4.5, distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 1 } });
    expect(tallyOf('heard', responses)).toBeNull();
  });

  it('refuses a row with fewer or more fields than the header row', () => {
    const sheet = readSheet('Timestamp,I trust the library\n3/10/2026,4\n3/10/2026\n3/10/2026,5,extra\n');
    const { badRows } = readResponses(sheet, [{ column: 1, itemId: 'trust', header: 'I trust the library' }], DEFAULT_SCALE_LABELS);
    expect(badRows).toEqual([
      { line: 3, reasons: ['has 1 fields where the header row has 2'] },
      { line: 4, reasons: ['has 3 fields where the header row has 2'] },
    ]);
  });
});
