import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicy, AuditService, LibrariesService, Permission } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { Clock, newId, Page, PageQuery, rawJson, Transactions } from '@r2c/core';
import { assertAllowed, canChangeWork, CyclesService, EvidenceService } from '@r2c/cycles';
import type { Adaptation, CycleBrief, EvidenceView, Verdict } from '@r2c/cycles';
import type { ImportPossibility, SurveyPeriod } from '@r2c/contracts';
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
import { SurveyImportListItem, SurveyImportPreview, SurveyImportResult, SurveyImportTarget, SurveyImportView, toSurveyImportView } from './survey.views';
import { importTarget, possibilityOf, TargetCycle, undoPossibility } from './periods/import-target';
import { splitByDate, splitPreview } from './periods/split-by-date';

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

/** The day of each dated row, by its line; null when the file's dates cannot be read one way or it has none. */
function dayReader(sheet: Sheet, dates: SurveyDatesRead): ((line: number) => string | null) | null {
  if (dates.ambiguous || dates.mixed) return null;
  const column = timestampColumn(sheet.headers);
  if (column === null) return null;
  const order = dates.format === 'day_first' ? 'day_first' : 'month_first';
  const byLine = new Map(sheet.rows.map((r) => [r.line, dayOf(r.cells[column] ?? '', order)]));
  return (line) => byLine.get(line) ?? null;
}

function refuseConflict(verdict: ImportPossibility, field = 'cycleId'): void {
  if (verdict.allowed) return;
  throw new ConflictException({ message: verdict.reason, details: [{ field, problems: [verdict.reason] }] });
}

const dayBefore = (day: string) => DateTime.fromISO(day, { zone: 'utc' }).minus({ days: 1 }).toISODate()!;

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
    const { initiative } = await this.policy.require(actor, Permission.InitiativeContribute, { initiativeId });
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
    const openCycle = await this.targetCycleOf(em, initiativeId);
    const target = importTarget(openCycle, !canChangeWork(initiative).allowed);
    const days = dayReader(sheet, read.dates);
    const split =
      openCycle?.changeDate && days
        ? splitPreview(
            responses.map((r) => ({ line: r.line, day: days(r.line) })),
            openCycle.changeDate,
          )
        : null;
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
      target,
      split,
    };
  }

  /** Where an import would land now, and why one kind or another cannot: asked before any file is chosen. */
  async target(actor: Principal, initiativeId: string): Promise<SurveyImportTarget> {
    const { initiative } = await this.policy.require(actor, Permission.InitiativeRead, { initiativeId });
    return importTarget(await this.targetCycleOf(this.dataSource.manager, initiativeId), !canChangeWork(initiative).allowed);
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
      const timing: SurveyPeriod | 'split' = dto.split ? 'split' : (dto.timing ?? dto.period ?? 'after');
      refuseConflict(possibilityOf(cycle, timing), dto.split ? 'split' : 'cycleId');
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
      const parts = timing === 'split' ? this.splitParts(sheet, read.dates, responses, cycle) : [{ period: timing, responses }];
      const stored: SurveyImportView[] = [];
      const evidence: EvidenceView[] = [];
      for (const part of parts) {
        const observedOn =
          (timing === 'split' ? undefined : dto.observedOn) ??
          responseDates(sheet, part.responses, read.dates)?.last ??
          (part.period === 'before' && cycle.changeDate ? dayBefore(cycle.changeDate) : today);
        if (part.period === 'before' && cycle.changeDate && observedOn >= cycle.changeDate) {
          const reason = `a baseline is answered before the change on ${cycle.changeDate}, and these answers are dated ${observedOn}`;
          throw badInput(`${reason}: import them as answers after the change, or split the file at the change date.`, [
            { field: dto.observedOn ? 'observedOn' : 'timing', problems: [reason] },
          ]);
        }
        const result = await this.storeImport(em, actor, { initiativeId, cycle, items, mapping, source, today, now, observedOn, ...part });
        stored.push(result.import);
        evidence.push(...result.evidence);
      }
      const main = stored[stored.length - 1];
      return timing === 'split' ? { import: main, evidence, imports: stored } : { import: main, evidence };
    });
  }

  /** Removes a whole import: its answers and the evidence entries it recorded, audited, while its cycle is open. */
  undo(actor: Principal, initiativeId: string, importId: string): Promise<void> {
    return this.tx.run(async (em) => {
      const { initiative } = await this.policy.require(actor, Permission.InitiativeContribute, { initiativeId }, em);
      const stored = await em.findOne(SurveyImport, { where: { id: importId, initiativeId } });
      if (!stored) throw new NotFoundException('No survey import with this id in this initiative.');
      assertAllowed(canChangeWork(initiative));
      const cycle = (await this.cycles.cycleOf(em, initiativeId, stored.cycleId))!;
      refuseConflict(undoPossibility(cycle, stored.period), 'importId');
      if (stored.evidenceIds.length) {
        const entries = await em
          .createQueryBuilder()
          .select('*')
          .from('evidence', 'e')
          .where('e.id IN (:...ids)', { ids: stored.evidenceIds })
          .getRawMany<Record<string, unknown>>();
        await em.createQueryBuilder().delete().from('evidence').where('id IN (:...ids)', { ids: stored.evidenceIds }).execute();
        for (const entry of entries) {
          await this.audit.record(em, actor, {
            action: 'delete',
            entityType: 'evidence',
            entityId: String(entry.id),
            initiativeId,
            before: { ...entry, reason: 'survey import undone' },
            after: null,
          });
        }
      }
      await em.delete(SurveyAnswer, { importId });
      await em.delete(SurveyImport, { id: importId });
      await this.audit.record(em, actor, {
        action: 'delete',
        entityType: 'survey_import',
        entityId: importId,
        initiativeId,
        before: {
          cycleId: stored.cycleId,
          period: stored.period,
          source: stored.source,
          observedOn: stored.observedOn,
          responses: stored.responses,
          evidenceIds: stored.evidenceIds,
        },
        after: null,
      });
    });
  }

  private splitParts(sheet: Sheet, dates: SurveyDatesRead, responses: Response[], cycle: TargetCycle): { period: SurveyPeriod; responses: Response[] }[] {
    const days = dayReader(sheet, dates);
    if (!days) {
      const reason = 'the file’s responses carry no dates that can be read, so they cannot be split at the change date';
      throw badInput(`split: ${reason}.`, [{ field: 'split', problems: [reason] }]);
    }
    const parts = splitByDate(responses, days, cycle.changeDate!);
    if (parts.undatedLines.length) {
      const reason = `line ${parts.undatedLines.slice(0, 10).join(', ')} ${parts.undatedLines.length === 1 ? 'has' : 'have'} no date, so ${parts.undatedLines.length === 1 ? 'it' : 'they'} cannot be put before or after the change`;
      throw badInput(`split: ${reason}; nothing was stored.`, [{ field: 'split', problems: [reason] }]);
    }
    if (!parts.before.length || !parts.after.length) {
      const side = parts.before.length ? 'before' : 'after';
      const reason = `every response is dated ${side} the change (${cycle.changeDate}); import the file as “${side} the change” instead`;
      throw badInput(`split: ${reason}.`, [{ field: 'split', problems: [reason] }]);
    }
    return [
      { period: 'before', responses: parts.before },
      { period: 'after', responses: parts.after },
    ];
  }

  private async storeImport(
    em: EntityManager,
    actor: Principal,
    o: {
      initiativeId: string;
      cycle: TargetCycle;
      items: SurveyItem[];
      mapping: MappedColumn[];
      source: ReturnType<typeof sourceOf>;
      today: string;
      now: Date;
      observedOn: string;
      period: SurveyPeriod;
      responses: Response[];
    },
  ): Promise<{ import: SurveyImportView; evidence: EvidenceView[] }> {
    const { cycle, mapping, responses, observedOn, source, period } = o;
    // A baseline is kept as answers only: evidence belongs to the evidence phase, and outcomes read the baseline from the answers.
    const evidence =
      period === 'after'
        ? await this.recordEvidence(em, actor, { cycle, items: o.items, mapping, responses, observedOn, source: `${SOURCE_NAMES[source]} import ${o.today}` })
        : [];
    const stored: SurveyImport = {
      id: newId(),
      initiativeId: o.initiativeId,
      cycleId: cycle.id,
      source,
      period,
      observedOn,
      responses: responses.length,
      columns: mapping.map(({ column, header, itemId }) => ({ column, header, itemId })),
      evidenceIds: evidence.map((e) => e.id),
      importedBy: actor.id,
      importedAt: o.now,
    };
    await em.insert(SurveyImport, stored);
    await this.storeAnswers(em, stored, responses);
    await this.audit.record(em, actor, {
      action: 'import',
      entityType: 'survey_import',
      entityId: stored.id,
      initiativeId: o.initiativeId,
      after: { cycleId: cycle.id, period, source, observedOn, responses: responses.length, items: mapping.length, evidenceIds: stored.evidenceIds },
    });
    return { import: toSurveyImportView(stored), evidence };
  }

  private async changeDateOf(em: EntityManager, cycleId: string): Promise<string | null> {
    const row = await em
      .createQueryBuilder()
      .select('c.adaptation', 'adaptation')
      .from('cycles', 'c')
      .where('c.id = :cycleId', { cycleId })
      .getRawOne<Record<string, unknown>>();
    return rawJson<Adaptation>(row?.adaptation)?.implementedOn ?? null;
  }

  private async targetCycleOf(em: EntityManager, initiativeId: string): Promise<TargetCycle | null> {
    const open = await this.cycles.openCycleOf(em, initiativeId);
    return open ? { id: open.id, number: open.number, phase: open.phase, changeDate: await this.changeDateOf(em, open.id) } : null;
  }

  async list(actor: Principal, initiativeId: string, page: PageQuery): Promise<Page<SurveyImportListItem>> {
    await this.policy.require(actor, Permission.InitiativeRead, { initiativeId });
    const em = this.dataSource.manager;
    const [items, total] = await em
      .getRepository(SurveyImport)
      .findAndCount({ where: { initiativeId }, order: { importedAt: 'DESC', id: 'ASC' }, take: page.limit, skip: page.offset });
    const cycleIds = [...new Set(items.map((i) => i.cycleId))];
    const cycles = cycleIds.length
      ? await em
          .createQueryBuilder()
          .select(['c.id AS id', 'c.number AS number', 'c.phase AS phase'])
          .from('cycles', 'c')
          .where('c.id IN (:...cycleIds)', { cycleIds })
          .getRawMany<Record<string, unknown>>()
      : [];
    const byId = new Map(cycles.map((c) => [String(c.id), { number: Number(c.number), phase: c.phase as CycleBrief['phase'] }]));
    return {
      items: items.map((i) => {
        const cycle = byId.get(i.cycleId)!;
        return { ...toSurveyImportView(i), cycleNumber: cycle.number, undo: undoPossibility(cycle, i.period) };
      }),
      total,
    };
  }

  private async importedRows(em: EntityManager, cycleId: string): Promise<number> {
    return (await em.getRepository(SurveyImport).sum('responses', { cycleId })) ?? 0;
  }

  private async targetCycle(em: EntityManager, initiativeId: string, cycleId: string): Promise<TargetCycle> {
    const cycle = await this.cycles.cycleOf(em, initiativeId, cycleId);
    if (!cycle) throw badInput('cycleId is not a cycle of this initiative', [{ field: 'cycleId', problems: ['not a cycle of this initiative'] }]);
    return { id: cycle.id, number: cycle.number, phase: cycle.phase, changeDate: await this.changeDateOf(em, cycle.id) };
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
    o: { cycle: TargetCycle; items: SurveyItem[]; mapping: MappedColumn[]; responses: Response[]; observedOn: string; source: string },
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
