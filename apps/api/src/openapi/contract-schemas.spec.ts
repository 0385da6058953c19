import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PHASES } from '@r2c/contracts';
import { contractSchemas } from './contract-schema-generator';
import { CONTRACT_SCHEMAS } from './contract-schemas';

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

  it('reads nullable, optional, value lists, references and open objects as OpenAPI 3.0 says them', () => {
    const { CycleView, Phase, OutcomeInCycle, ExportDocument, ReminderRunAnswer } = CONTRACT_SCHEMAS;
    expect(Phase).toEqual({ type: 'string', enum: [...PHASES] });
    expect(CycleView.properties?.hypothesis).toEqual({ allOf: [{ $ref: '#/components/schemas/Hypothesis' }], nullable: true });
    expect(CycleView.properties?.closedAt).toEqual({ type: 'string', nullable: true });
    expect(CycleView.required).toEqual(expect.arrayContaining(['id', 'phase', 'evidence', 'allowedMoves']));
    expect(OutcomeInCycle.required).not.toContain('period');
    expect(OutcomeInCycle.properties?.period).toMatchObject({ type: 'string', enum: ['before', 'after'] });
    expect(ExportDocument.additionalProperties).toEqual({});
    expect(ReminderRunAnswer.anyOf).toHaveLength(2);
  });
});
