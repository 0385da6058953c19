import { DynamicModule, INestApplicationContext, Type } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { CyclesModule } from '@r2c/cycles';
import { ImportExport, PortabilityModule } from '@r2c/portability';
import { SurveysModule } from '@r2c/surveys';

/** `npm run cli -- import-export <file>`: an export (of an initiative or of everything) into a fresh database. */
export async function importExportCommand(args: string[], open: (...features: (Type | DynamicModule)[]) => Promise<INestApplicationContext>): Promise<string> {
  const [file, ...rest] = args;
  if (!file || rest.length) throw new Error('Usage: npm run cli -- import-export <file.json>');
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const app = await open(CyclesModule, SurveysModule, PortabilityModule);
  try {
    const counts = await app.get(ImportExport).run(document);
    const lines = Object.entries(counts).map(([section, n]) => `  ${section}: ${n}`);
    return `imported ${file}\n${lines.join('\n')}\nAccounts have no password yet: create an admin (npm run cli -- create-admin) to set them.\n`;
  } finally {
    await app.close();
  }
}
