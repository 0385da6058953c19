import { Workbook } from 'exceljs';
import { decodeCsv, responsesText, uncompressedSize, UnreadableFile, workbookAsCsv } from './file-input';

/** What Excel on Windows writes for "Save as CSV": Windows-1252, a curly apostrophe as 0x92. */
const cp1252 = (text: string) => Buffer.from([...text].map((ch) => ({ '’': 0x92, é: 0xe9, ü: 0xfc, '“': 0x93, '”': 0x94 })[ch] ?? ch.charCodeAt(0)));

async function formsWorkbook(): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(['ID', 'Start time', 'Completion time', 'Email', 'Name', 'I feel welcome at the library’s gatherings.']);
  sheet.addRow([1, new Date(Date.UTC(2026, 3, 20, 17, 58, 2)), new Date(Date.UTC(2026, 3, 20, 18, 1, 40)), 'anonymous', null, 'Strongly agree']);
  sheet.addRow([
    2,
    new Date(Date.UTC(2026, 3, 21, 10, 4, 51)),
    new Date(Date.UTC(2026, 3, 21, 10, 6, 33)),
    'anonymous',
    null,
    { richText: [{ text: 'Agr' }, { text: 'ee' }] },
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('reading a responses file', () => {
  it('reads UTF-8 as UTF-8 and Excel’s Windows-1252 CSV as Windows-1252', () => {
    expect(decodeCsv(Buffer.from('\uFEFFQ,bilingüe’s\n', 'utf8'))).toEqual({ text: 'Q,bilingüe’s\n', encoding: 'utf-8' });
    expect(decodeCsv(cp1252('Timestamp,I can’t find a café\n'))).toEqual({ text: 'Timestamp,I can’t find a café\n', encoding: 'windows-1252' });
  });

  it('names the lines with characters lost before the file reached us', async () => {
    const read = await responsesText({ csv: 'Timestamp,Q\n3/16/2026,I can\uFFFDt\n3/17/2026,4\n' });
    expect(read.file).toEqual({ kind: 'csv', encoding: 'utf-8', unreadableLines: [2] });
  });

  it('reads the first sheet of a Microsoft Forms workbook as CSV, dates as written in the sheet', async () => {
    const csv = await workbookAsCsv(await formsWorkbook());
    expect(csv.split('\n')[0]).toBe('ID,Start time,Completion time,Email,Name,I feel welcome at the library’s gatherings.');
    expect(csv).toContain('1,2026-04-20 17:58:02,2026-04-20 18:01:40,anonymous,,Strongly agree');
    expect(csv).toContain('2,2026-04-21 10:04:51,2026-04-21 10:06:33,anonymous,,Agree');
  });

  it('refuses what is not a workbook, and a workbook that would unpack to more than 20 MB, before unpacking it', async () => {
    await expect(workbookAsCsv(Buffer.from('Timestamp,Q\n'))).rejects.toThrow(UnreadableFile);
    const bytes = await formsWorkbook();
    expect(uncompressedSize(bytes)).toBeGreaterThan(bytes.length);
    // Claim a 1 GB entry in the central directory, as a zip bomb does.
    const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const firstEntry = bytes.readUInt32LE(end + 16);
    const bomb = Buffer.from(bytes);
    bomb.writeUInt32LE(1024 * 1024 * 1024, firstEntry + 24);
    await expect(workbookAsCsv(bomb)).rejects.toThrow('over 20 MB unpacked');
  });

  it('wants the file exactly once', async () => {
    await expect(responsesText({})).rejects.toThrow('Send the responses once');
    await expect(responsesText({ csv: 'a', xlsx: 'b' })).rejects.toThrow('Send the responses once');
  });
});
