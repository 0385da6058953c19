import { api, ApiError, SectionBody } from '../../api/client';
import { PHASES } from '../../api/types';
import type { Cycle, Phase } from '../../api/types';
import type { FieldLink } from '../../ui/feedback';
import { PHASE_NAMES } from '../../ui/words';
import { useAction } from '../../ui/use-action';

export interface SectionProps {
  cycle: Cycle;
  /** The section's phase is the cycle's current one: saving may also move the cycle on. */
  isCurrent: boolean;
  onChange(cycle: Cycle, status?: string): void;
}

export const nextPhase = (phase: Phase): Phase => PHASES[PHASES.indexOf(phase) + 1];

export function moveOnLabel(phase: Phase): string {
  const next = nextPhase(phase);
  return next === 'review' ? 'Save and send for review' : `Save and move on to ${PHASE_NAMES[next].toLowerCase()}`;
}

/**
 * Saving a section, and moving the cycle on after it. A refused move keeps what was saved and
 * shows the API's reasons beside the fields they name.
 */
export function useSectionSave<S extends keyof SectionBody>({ cycle, onChange }: SectionProps, section: S) {
  const { error, busy, run } = useAction();

  const save = async (body: SectionBody[S], moveOn: boolean) => {
    await run(async () => {
      const saved = await api.saveSection(cycle.id, section, body);
      if (!moveOn) {
        onChange(saved, `${PHASE_NAMES[section]} saved.`);
        return;
      }
      onChange(saved);
      const next = nextPhase(section);
      const moved = await api.moveTo(cycle.id, next);
      onChange(
        moved,
        next === 'review'
          ? 'Sent for review. A coach of the initiative will approve it or ask for changes.'
          : `${PHASE_NAMES[section]} saved. The cycle moved on to ${PHASE_NAMES[next].toLowerCase()}.`,
      );
    });
  };

  const problems = (field: string) => (error instanceof ApiError ? error.problemsFor(field, section) : undefined);
  const links = (fields: Record<string, string>): FieldLink[] =>
    Object.entries(fields)
      .filter(([field]) => problems(field)?.length)
      .map(([field, label]) => ({ id: `${section}-${field}`, label }));

  return { error, busy, save, problems, links };
}

export function FormActions({ phase, isCurrent, busy, onDraft }: { phase: Phase; isCurrent: boolean; busy: boolean; onDraft(): void }) {
  if (!isCurrent) {
    return (
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : 'Save changes'}
        </button>
      </div>
    );
  }
  return (
    <div className="actions">
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Saving…' : moveOnLabel(phase)}
      </button>
      <button type="button" className="button secondary" disabled={busy} onClick={onDraft}>
        Save draft
      </button>
    </div>
  );
}
