import { MAX_FILE_BASE64_CHARACTERS } from '../../api/survey';
import type { SurveyFile } from '../../api/survey';

/** A chosen file, ready to send, with the text to show when it is CSV. */
export interface ChosenFile {
  name: string;
  body: SurveyFile;
  /** The CSV text as read here (shown in the paste box); null for a workbook. */
  text: string | null;
  encoding: 'utf-8' | 'windows-1252' | null;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

const isWorkbook = (file: File) => /\.xlsx$/i.test(file.name) || file.type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Reads a responses file on this device. A workbook goes as it is; a CSV goes as its bytes, so the API
 * can tell Excel's Windows-1252 from UTF-8 (and say so), unless it is too large to send that way.
 */
export async function readResponsesFile(file: File): Promise<ChosenFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (isWorkbook(file)) return { name: file.name, body: { xlsx: base64(bytes) }, text: null, encoding: null };
  let text: string;
  let encoding: 'utf-8' | 'windows-1252';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    encoding = 'utf-8';
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
    encoding = 'windows-1252';
  }
  const encoded = base64(bytes);
  return { name: file.name, body: encoded.length <= MAX_FILE_BASE64_CHARACTERS ? { csvFile: encoded } : { csv: text }, text, encoding };
}
