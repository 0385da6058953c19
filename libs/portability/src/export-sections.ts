import type { ExportDocument as ExportDocumentAnswer } from '@r2c/contracts';

/**
 * What an export holds, in the order an import must write it (each table after those it refers to).
 * A section names its table; its rows carry the fields of the entity mapped to that table, so a column
 * added by a later migration is exported and imported without touching this list.
 */
export interface ExportSection {
  /** The key in the document. */
  key: string;
  table: string;
  /** The rows of one initiative: a condition on alias `r`, with the parameter :initiativeId. */
  ofInitiative: string;
  /** A condition on alias `r` that holds in every scope, the coalition's too. */
  always?: string;
  /** Fields never exported. */
  withheld?: string[];
  /** Values an import sets for the withheld fields. */
  onImport?: Record<string, unknown>;
}

/** An imported account has no password until an admin sets one: no password hash ever leaves the database. */
export const NO_PASSWORD = '!imported-without-password';

const OF_INITIATIVE = 'r.initiative_id = :initiativeId';
const CYCLES_OF_INITIATIVE = 'SELECT c.id FROM cycles c WHERE c.initiative_id = :initiativeId';

/** The initiative's people, and anyone whose name its records carry (a reviewing admin, a former member). */
function peopleOf(column: string): string {
  return [
    `${column} IN (SELECT m.user_id FROM memberships m WHERE m.initiative_id = :initiativeId)`,
    `${column} IN (SELECT v.author_id FROM reviews v WHERE v.cycle_id IN (${CYCLES_OF_INITIATIVE}))`,
    `${column} IN (SELECT k.author_id FROM check_ins k WHERE k.initiative_id = :initiativeId)`,
    `${column} IN (SELECT e.created_by FROM evidence e WHERE e.initiative_id = :initiativeId)`,
    `${column} IN (SELECT a.created_by FROM adaptations a WHERE a.initiative_id = :initiativeId)`,
    `${column} IN (SELECT s.imported_by FROM survey_imports s WHERE s.initiative_id = :initiativeId)`,
  ].join(' OR ');
}

/**
 * Reminders already sent travel as their outbox rows (status sent, the same idempotency keys), so a
 * restored install's reminder scan finds them and sends none of them again.
 */
const SENT_REMINDERS = "r.status = 'sent' AND (r.idempotency_key LIKE 'reminder:%' OR r.idempotency_key LIKE 'escalation:%')";

export const EXPORT_SECTIONS: readonly ExportSection[] = [
  { key: 'libraries', table: 'libraries', ofInitiative: 'r.id IN (SELECT i.library_id FROM initiatives i WHERE i.id = :initiativeId)' },
  {
    key: 'users',
    table: 'users',
    ofInitiative: peopleOf('r.id'),
    withheld: ['passwordHash'],
    onImport: { passwordHash: NO_PASSWORD },
  },
  { key: 'initiatives', table: 'initiatives', ofInitiative: 'r.id = :initiativeId' },
  { key: 'memberships', table: 'memberships', ofInitiative: OF_INITIATIVE },
  { key: 'indicators', table: 'indicators', ofInitiative: OF_INITIATIVE },
  { key: 'cycles', table: 'cycles', ofInitiative: OF_INITIATIVE },
  { key: 'evidence', table: 'evidence', ofInitiative: OF_INITIATIVE, always: 'r.removed_at IS NULL' },
  { key: 'reviews', table: 'reviews', ofInitiative: `r.cycle_id IN (${CYCLES_OF_INITIATIVE})` },
  { key: 'checkIns', table: 'check_ins', ofInitiative: OF_INITIATIVE },
  { key: 'adaptations', table: 'adaptations', ofInitiative: OF_INITIATIVE },
  { key: 'surveyInstruments', table: 'survey_instruments', ofInitiative: OF_INITIATIVE },
  { key: 'surveyItems', table: 'survey_items', ofInitiative: OF_INITIATIVE },
  { key: 'surveyImports', table: 'survey_imports', ofInitiative: OF_INITIATIVE },
  // Continuity: who chose no digest (or monthly), the summaries coaches approved, the reminders sent.
  { key: 'mailPreferences', table: 'mail_preferences', ofInitiative: `(${peopleOf('r.user_id')})` },
  { key: 'cycleSummaries', table: 'cycle_summaries', ofInitiative: OF_INITIATIVE },
  {
    key: 'sentReminders',
    table: 'outbox_messages',
    always: SENT_REMINDERS,
    // Reminders carry their own text; only digests (not carried) share a stored body.
    withheld: ['bodyId', 'fills'],
    ofInitiative:
      "(r.idempotency_key LIKE 'reminder:' || CAST(:initiativeId AS VARCHAR(36)) || ':%' OR r.idempotency_key LIKE 'escalation:' || CAST(:initiativeId AS VARCHAR(36)) || ':%')",
  },
  { key: 'surveyAnswers', table: 'survey_answers', ofInitiative: 'r.import_id IN (SELECT s.id FROM survey_imports s WHERE s.initiative_id = :initiativeId)' },
];

export const EXPORT_FORMAT = 'r2c-tracker-export';
export const EXPORT_VERSION = 1;

/** The export's shape as the API documents it, with this format's name. */
export interface ExportDocument extends ExportDocumentAnswer {
  format: typeof EXPORT_FORMAT;
}
