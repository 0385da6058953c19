import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractSchemas } from './contract-schema-generator';

const CONTRACTS = join(__dirname, '../../../../libs/contracts/src/index.ts');
const GENERATED = join(__dirname, 'contract-schemas.ts');

function generated(): string {
  return [
    '// Generated from libs/contracts by contract-schema-generator.ts; after changing a contract run `npm run openapi:schemas`.',
    "import type { JsonSchema } from './contract-schema-generator';",
    '',
    `export const CONTRACT_SCHEMAS: Record<string, JsonSchema> = ${JSON.stringify(contractSchemas(CONTRACTS), null, 2)};`,
    '',
  ].join('\n');
}

describe('the OpenAPI schemas of the contracts', () => {
  it('are generated from libs/contracts as they are now', () => {
    const expected = generated();
    if (process.env.UPDATE_CONTRACT_SCHEMAS) writeFileSync(GENERATED, expected);
    expect(readFileSync(GENERATED, 'utf8')).toBe(expected);
  }, 60000);
});
