import { describe, expect, it } from '@jest/globals';
import { decodeCsv } from './read-csv-file';

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytesOf = (...parts: (Uint8Array | number[])[]): ArrayBuffer => {
  const all = parts.flatMap((part) => [...part]);
  return new Uint8Array(all).buffer;
};

describe('decodeCsv', () => {
  it('reads UTF-8 and drops the byte-order mark Excel writes with "CSV UTF-8"', () => {
    const file = bytesOf([0xef, 0xbb, 0xbf], utf8('email,name\r\nzoe@members.test,Zoë Martin\r\n'));
    expect(decodeCsv(file)).toEqual({ text: 'email,name\r\nzoe@members.test,Zoë Martin\r\n', encoding: 'UTF-8' });
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8, as Excel saves "CSV" on Windows', () => {
    // ë is the one byte 0xEB there. Node decodes 0x80–0x9F (curly quotes, dashes) as Latin-1, unlike a browser: test/web/people.e2e-spec.ts checks those.
    const file = bytesOf(utf8('email,name\r\nzoe@members.test,Zo'), [0xeb], utf8(' Martin\r\n'));
    expect(decodeCsv(file)).toEqual({ text: 'email,name\r\nzoe@members.test,Zoë Martin\r\n', encoding: 'Windows-1252' });
  });
});
