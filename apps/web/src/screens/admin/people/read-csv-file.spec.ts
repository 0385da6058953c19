import { decodeCsv } from './read-csv-file';

const bytes = (buffer: Buffer): ArrayBuffer => buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;

describe('decodeCsv', () => {
  it('reads UTF-8 and drops the byte-order mark Excel writes with "CSV UTF-8"', () => {
    const file = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('email,name\r\nzoe@members.test,Zoë Martin\r\n', 'utf8')]);
    expect(decodeCsv(bytes(file))).toEqual({ text: 'email,name\r\nzoe@members.test,Zoë Martin\r\n', encoding: 'UTF-8' });
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8, as Excel saves "CSV" on Windows', () => {
    // Node decodes 0x80–0x9F (curly quotes, dashes) as Latin-1, unlike a browser: test/web/people.e2e-spec.ts checks those.
    const file = Buffer.from('email,name\r\nzoe@members.test,Zoë Martin\r\n', 'latin1');
    expect(decodeCsv(bytes(file))).toEqual({ text: 'email,name\r\nzoe@members.test,Zoë Martin\r\n', encoding: 'Windows-1252' });
  });
});
