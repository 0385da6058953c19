import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicy, AuditService, LibrariesService, Permission } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { Clock, newId, Page, PageQuery, Transactions } from '@r2c/core';
import { assertAllowed, canChangeWork, canEdit, CyclesService, EvidenceService } from '@r2c/cycles';
import type { CycleBrief, EvidenceView, Verdict } from '@r2c/cycles';
import { BadRow, MappedColumn, readResponses, Response, tallyOf } from './forms-csv/answers';
import type { ItemTally } from './forms-csv/answers';
import { datesProblem, dayOf, readDates } from './forms-csv/dates';
import type { DateOrder, SurveyDatesRead } from './forms-csv/dates';
import { responsesText, UnreadableFile } from './forms-csv/file-input';
import type { SurveyFileInput, SurveyFileRead } from './forms-csv/file-input';
import { previewColumns, readSheet, Sheet, SOURCE_NAMES, sourceOf, timestampColumn, UnreadableCsv } from './forms-csv/forms-csv';
import { unmatchedAnswerColumns } from './forms-csv/unmatched';
import { cycleWithinQuota, fileWithinQuota, MAX_ROWS_PER_IMPORT } from './forms-csv/quotas';
import { CommitSurveyImportDto, PreviewSurveyImportDto } from './survey.dto';
import { SurveyAnswer, SurveyImport, SurveyItem } from './survey.entities';
import { SurveyInstrumentService } from './survey-instrument.service';
import { SurveyImportPreview, SurveyImportResult, SurveyImportView, toSurveyImportView } from './survey.views';

/** Rows per INSERT of answers: well under SQLite's limit on bound parameters. */
const ANSWERS_PER_INSERT = 150;

const badInput = (message: string, details: object[] = []) => new BadRequestException({ message, details });

interface ReadFile {
  sheet: Sheet;
  file: SurveyFileRead;
  dates: SurveyDatesRead;
}

/** The responses file however it came (CSV text, CSV bytes or a workbook), with how its text and its dates were read. */
async function readFile(input: SurveyFileInput & { dateOrder?: DateOrder }): Promise<ReadFile> {
  let sheet: Sheet;
  let file: SurveyFileRead;
  try {
    const read = await responsesText(input);
    file = read.file;
    sheet = readSheet(read.text, MAX_ROWS_PER_IMPORT);
  } catch (error) {
    if (error instanceof UnreadableFile) throw badInput(error.message, [{ field: error.field, problems: [error.message] }]);
    if (!(error instanceof UnreadableCsv)) throw error;
    throw badInput(error.message, [{ field: 'csv', ...(error.line ? { line: error.line } : {}), problems: [error.message] }]);
  }
  refuseUnless(fileWithinQuota(sheet));
  const column = timestampColumn(sheet.headers);
  const dates = readDates(column === null ? [] : sheet.rows.map((r) => r.cells[column] ?? ''), input.dateOrder);
  return { sheet, file, dates };
}

function fileWarnings(read: ReadFile): string[] {
  const warnings: string[] = [];
  if (read.file.encoding === 'windows-1252') {
    warnings.push(
      'The file was saved as Windows-1252 (Excel’s usual CSV on Windows), not UTF-8; it was read that way. Check that accented letters look right below.',
    );
  }
  const lines = read.file.unreadableLines;
  if (lines.length) {
    warnings.push(
      `${lines.length === 1 ? 'Line' : 'Lines'} ${lines.slice(0, 10).join(', ')}${lines.length > 10 ? ' …' : ''} ${lines.length === 1 ? 'has' : 'have'} characters that could not be read (shown as �). Save the file again as “CSV UTF-8” or choose the original file, then preview again.`,
    );
  }
  const dates = datesProblem(read.dates);
  if (dates) warnings.push(dates);
  return warnings;
}

function refuseUnless(verdict: Verdict): void {
  if (!verdict.allowed) throw badInput(verdict.reason, [{ field: verdict.field ?? 'csv', problems: [verdict.reason] }]);
}

function responseDates(sheet: Sheet, responses: { line: number }[], dates: SurveyDatesRead): { first: string; last: string } | null {
  if (dates.ambiguous || dates.mixed) return null;
  const order = dates.format === 'day_first' ? 'day_first' : 'month_first';
  const column = timestampColumn(sheet.headers);
  if (column === null) return null;
  const counted = new Set(responses.map((r) => r.line));
  const days = sheet.rows
    .filter((r) => counted.has(r.line))
    .map((r) => dayOf(r.cells[column] ?? '', order))
    .filter((d): d is string => d !== null)
    .sort();
  return days.length ? { first: days[0], last: days[days.length - 1] } : null;
}

const rowProblems = (badRows: BadRow[]) => badRows.map((row) => ({ field: 'csv', line: row.line, problems: row.reasons }));

function evidenceText(item: SurveyItem, tally: ItemTally): string {
  const points = Object.entries(tally.distribution)
    .map(([point, n]) => `${point}: ${n}`)
    .join(' · ');
  return `Survey item "${item.text}": mean ${tally.mean} from ${tally.responses} responses (${points}).`;
}

/**
 * Responses exported from Google Forms or Microsoft Forms: a preview that maps columns to the survey's
 * items, flags personal data and lists bad rows; an import that stores all of it or none of it.
 */
@Injectable()
export class SurveyImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly policy: AccessPolicy,
    private readonly instruments: SurveyInstrumentService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly cycles: CyclesService,
    private readonly evidence: EvidenceService,
    private readonly libraries: LibrariesService,
  ) {}

  async preview(actor: Principal, initiativeId: string, dto: PreviewSurveyImportDto): Promise<SurveyImportPreview> {
    await this.policy.require(actor, Permission.InitiativeContribute, { initiativeId });
    const em = this.dataSource.manager;
    const [instrument, items] = [await this.instruments.instrument(em, initiativeId), await this.instruments.items(em, initiativeId)];
    const read = await readFile(dto);
    const { sheet } = read;
    const suggested = previewColumns(sheet, items);
    const mapped: MappedColumn[] = dto.mapping
      ? this.checkedMapping(sheet, items, dto.mapping)
      : suggested.filter((c) => c.itemId).map((c) => ({ column: c.index, itemId: c.itemId!, header: c.header }));
    // Each column shows the item it is mapped to: the headers' suggestion, or the caller's choice.
    const columns = suggested.map((c) => {
      const itemId = mapped.find((m) => m.column === c.index)?.itemId ?? null;
      return { ...c, itemId, match: itemId !== null && itemId === c.itemId ? c.match : null };
    });
    const { responses, badRows, emptyLines } = readResponses(sheet, mapped, instrument.scaleLabels);
    const openCycle = await this.cycles.openCycleOf(em, initiativeId);
    if (openCycle) refuseUnless(cycleWithinQuota({ number: openCycle.number, imported: await this.importedRows(em, openCycle.id) }, responses.length));
    const matched = new Set(mapped.map((m) => m.itemId));
    const unmatchedAnswers = unmatchedAnswerColumns(sheet, columns, instrument.scaleLabels);
    const warnings = [
      ...fileWarnings(read),
      ...unmatchedAnswers.map(
        (c) =>
          `Column ${c.index + 1} (“${c.header}”) holds answers like a survey item’s but is matched to none: choose its item below, or it will be left out.`,
      ),
    ];
    const blocked = read.file.unreadableLines.length > 0 || read.dates.ambiguous || read.dates.mixed !== null;
    return {
      file: read.file,
      dates: read.dates,
      warnings,
      source: sourceOf(sheet.headers),
      rows: sheet.rows.length,
      columns,
      mapping: mapped.map(({ column, itemId }) => ({ column, itemId })),
      unmatchedItems: items.filter((i) => !matched.has(i.id)).map((i) => ({ id: i.id, text: i.text })),
      privacyFlags: columns.filter((c) => c.privacy).map((c) => ({ column: c.index, header: c.header, ...c.privacy! })),
      badRows,
      emptyLines,
      responses: responses.length,
      responseDates: responseDates(sheet, responses, read.dates),
      readyToImport: !blocked && mapped.length > 0 && badRows.length === 0 && responses.length > 0,
    };
  }

  async commit(actor: Principal, initiativeId: string, dto: CommitSurveyImportDto): Promise<SurveyImportResult> {
    const read = await readFile(dto);
    const { sheet } = read;
    if (read.file.unreadableLines.length)
      throw badInput(
        fileWarnings(read).find((w) => w.includes('could not be read'))!,
        [{ field: read.file.kind === 'xlsx' ? 'xlsx' : 'csv', problems: ['characters that could not be read'] }],
      );
    if (read.dates.mixed || (read.dates.ambiguous && !dto.observedOn)) {
      const problem = datesProblem(read.dates)!;
      throw badInput(problem, [{ field: 'dateOrder', problems: [problem] }]);
    }
    return this.tx.run(async (em) => {
      const { initiative } = await this.policy.require(actor, Permission.InitiativeContribute, { initiativeId }, em);
      assertAllowed(canChangeWork(initiative));
      const cycle = await this.targetCycle(em, initiativeId, dto.cycleId);
      const instrument = await this.instruments.instrument(em, initiativeId);
      const items = await this.instruments.items(em, initiativeId);
      const mapping = this.checkedMapping(sheet, items, dto.mapping);
      const { responses, badRows } = readResponses(sheet, mapping, instrument.scaleLabels);
      if (badRows.length) {
        const lines = badRows.map((r) => r.line).join(', ');
        throw badInput(
          `${badRows.length} ${badRows.length === 1 ? 'row' : 'rows'} cannot be imported (line ${lines}); nothing was stored. Correct them in the file, or remove them, and import again.`,
          rowProblems(badRows),
        );
      }
      if (!responses.length)
        throw badInput('No row answers any of the mapped columns: nothing to import.', [{ field: 'mapping', problems: ['no answers in the mapped columns'] }]);
      refuseUnless(cycleWithinQuota({ number: cycle.number, imported: await this.importedRows(em, cycle.id) }, responses.length));

      const timezone = await this.libraries.timezoneOf(initiative.libraryId, em);
      const now = this.clock.now();
      const today = DateTime.fromJSDate(now, { zone: timezone }).toISODate()!;
      const source = sourceOf(sheet.headers);
      const observedOn = dto.observedOn ?? responseDates(sheet, responses, read.dates)?.last ?? today;
      const evidence = await this.recordEvidence(em, actor, {
        cycle,
        items,
        mapping,
        responses,
        observedOn,
        source: `${SOURCE_NAMES[source]} import ${today}`,
      });
      const stored: SurveyImport = {
        id: newId(),
        initiativeId,
        cycleId: cycle.id,
        source,
        observedOn,
        responses: responses.length,
        columns: mapping.map(({ column, header, itemId }) => ({ column, header, itemId })),
        evidenceIds: evidence.map((e) => e.id),
        importedBy: actor.id,
        importedAt: now,
      };
      await em.insert(SurveyImport, stored);
      await this.storeAnswers(em, stored, responses);
      await this.audit.record(em, actor, {
        action: 'import',
        entityType: 'survey_import',
        entityId: stored.id,
        initiativeId,
        after: { cycleId: cycle.id, source, observedOn, responses: responses.length, items: mapping.length, evidenceIds: stored.evidenceIds },
      });
      return { import: toSurveyImportView(stored), evidence };
    });
  }

  async list(actor: Principal, initiativeId: string, page: PageQuery): Promise<Page<SurveyImportView>> {
    await this.policy.require(actor, Permission.InitiativeRead, { initiativeId });
    const [items, total] = await this.dataSource
      .getRepository(SurveyImport)
      .findAndCount({ where: { initiativeId }, order: { importedAt: 'DESC', id: 'ASC' }, take: page.limit, skip: page.offset });
    return { items: items.map(toSurveyImportView), total };
  }

  private async importedRows(em: EntityManager, cycleId: string): Promise<number> {
    return (await em.getRepository(SurveyImport).sum('responses', { cycleId })) ?? 0;
  }

  private async targetCycle(em: EntityManager, initiativeId: string, cycleId: string): Promise<CycleBrief> {
    const cycle = await this.cycles.cycleOf(em, initiativeId, cycleId);
    if (!cycle) throw badInput('cycleId is not a cycle of this initiative', [{ field: 'cycleId', problems: ['not a cycle of this initiative'] }]);
    const verdict = canEdit({ phase: cycle.phase, hypothesis: null, adaptation: null, reflection: null, evidenceCount: 0 }, 'evidence');
    if (!verdict.allowed) {
      throw new ConflictException({
        message: `Cannot import into cycle ${cycle.number}: ${verdict.reason}`,
        details: [{ field: 'cycleId', problems: [verdict.reason] }],
      });
    }
    return cycle;
  }

  /** The caller's mapping, checked against the file and the survey: patron privacy refuses any personal column. */
  private checkedMapping(sheet: Sheet, items: SurveyItem[], mapping: { column: number; itemId: string }[]): MappedColumn[] {
    const columns = previewColumns(sheet, []);
    const problems: { field: string; problems: string[] }[] = [];
    const seenColumns = new Set<number>();
    const seenItems = new Set<string>();
    mapping.forEach(({ column, itemId }, at) => {
      const field = `mapping.${at}`;
      const header = columns[column];
      if (!header)
        problems.push({
          field: `${field}.column`,
          problems: [`the file has ${columns.length} columns (0 to ${columns.length - 1}); there is no column ${column}`],
        });
      else if (header.privacy)
        problems.push({
          field: `${field}.column`,
          problems: [`column ${column} ("${header.header}") cannot be imported: ${header.privacy.reason}, and patron details are never stored`],
        });
      if (!items.some((i) => i.id === itemId)) problems.push({ field: `${field}.itemId`, problems: ['not an item of this initiative’s survey'] });
      if (seenColumns.has(column)) problems.push({ field: `${field}.column`, problems: [`column ${column} is mapped twice`] });
      if (seenItems.has(itemId)) problems.push({ field: `${field}.itemId`, problems: ['this item is mapped to two columns'] });
      seenColumns.add(column);
      seenItems.add(itemId);
    });
    if (problems.length) throw badInput(problems.map((p) => `${p.field}: ${p.problems.join('; ')}`).join(' · '), problems);
    return mapping.map(({ column, itemId }) => ({ column, itemId, header: columns[column].header }));
  }

  /** One measurement per mapped item, written by libs/cycles' EvidenceService (its phase rule and audit row) in this transaction. */
  private async recordEvidence(
    em: EntityManager,
    actor: Principal,
    o: { cycle: CycleBrief; items: SurveyItem[]; mapping: MappedColumn[]; responses: Response[]; observedOn: string; source: string },
  ): Promise<EvidenceView[]> {
    const views: EvidenceView[] = [];
    for (const { itemId } of o.mapping) {
      const tally = tallyOf(itemId, o.responses);
      if (!tally) continue;
      const item = o.items.find((i) => i.id === itemId)!;
      views.push(
        await this.evidence.addWithin(em, actor, o.cycle.id, {
          kind: 'measurement',
          indicatorId: item.indicatorId,
          value: tally.mean,
          text: evidenceText(item, tally),
          observedOn: o.observedOn,
          method: 'survey',
          source: o.source,
          sampleSize: tally.responses,
        }),
      );
    }
    return views;
  }

  private async storeAnswers(em: EntityManager, stored: SurveyImport, responses: Response[]): Promise<void> {
    const rows: SurveyAnswer[] = responses.flatMap((response, at) =>
      [...response.answers].map(([itemId, value]) => ({ id: newId(), importId: stored.id, cycleId: stored.cycleId, itemId, response: at + 1, value })),
    );
    for (let i = 0; i < rows.length; i += ANSWERS_PER_INSERT) await em.insert(SurveyAnswer, rows.slice(i, i + ANSWERS_PER_INSERT));
  }
}
