import { MAX_IMPORT_LINES, readSubscriberCsv, UnusableSubscriberCsv } from './subscriber-csv';

describe('readSubscriberCsv', () => {
  it('reads the columns in any order and case, trims cells, lower-cases emails and skips blank lines', () => {
    expect(readSubscriberCsv('Name,EMAIL\r\n  Ana Ruiz , Ana@Library.TEST \r\n\r\n,\r\nBo Li,bo@library.test\r\n')).toEqual({
      people: [
        { line: 2, email: 'ana@library.test', name: 'Ana Ruiz' },
        { line: 5, email: 'bo@library.test', name: 'Bo Li' },
      ],
      invalid: [],
    });
  });

  it("drops a BOM and takes Excel's semicolons, keeping accented names as they are", () => {
    expect(readSubscriberCsv('\uFEFFemail;name\njose@library.test;José Müller – “Pepe”\n').people).toEqual([
      { line: 2, email: 'jose@library.test', name: 'José Müller – “Pepe”' },
    ]);
  });

  it('names each bad line with its problem in plain words', () => {
    const { invalid } = readSubscriberCsv('email,name\na@x.org,A\nnot-an-email,B\nA@X.org,C\nc@x.org,\n,\u00a0D\n');
    expect(invalid).toEqual([
      { line: 3, problem: 'not an email address' },
      { line: 4, problem: 'the same email as line 2' },
      { line: 5, problem: 'a name is missing' },
      { line: 6, problem: 'an email is missing' },
    ]);
  });

  it('refuses a list without its header row, and one past the cap', () => {
    expect(() => readSubscriberCsv('a@x.org,A\n')).toThrow(UnusableSubscriberCsv);
    const rows = Array.from({ length: MAX_IMPORT_LINES + 1 }, (_, i) => `p${i}@x.org,P ${i}`).join('\n');
    expect(() => readSubscriberCsv(`email,name\n${rows}`)).toThrow('at most 5,000 lines; this one has 5,001');
  });
});
