/**
 * A spreadsheet's CSV as text: UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else
 * Windows-1252, which Excel uses when it saves "CSV" on Windows (é is one byte there, not UTF-8).
 */
export function decodeCsv(bytes: ArrayBuffer): { text: string; encoding: 'UTF-8' | 'Windows-1252' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'Windows-1252' };
  }
}
