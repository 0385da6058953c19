import { importTarget, possibilityOf, undoPossibility } from './import-target';
import { splitByDate, splitPreview } from './split-by-date';

const cycle = (phase: 'hypothesis' | 'adaptation' | 'evidence' | 'reflection' | 'review' | 'closed', changeDate: string | null = '2026-03-10') => ({
  id: 'c1',
  number: 2,
  phase,
  changeDate,
});

describe('where a survey import can land', () => {
  it('takes a baseline from the hypothesis phase on, and answers after the change from the evidence phase on', () => {
    expect(possibilityOf(cycle('hypothesis'), 'before').allowed).toBe(true);
    expect(possibilityOf(cycle('adaptation'), 'before').allowed).toBe(true);
    expect(possibilityOf(cycle('hypothesis'), 'after')).toEqual({ allowed: false, reason: expect.stringContaining('from the evidence phase on') });
    expect(possibilityOf(cycle('evidence'), 'after').allowed).toBe(true);
    expect(possibilityOf(cycle('reflection'), 'split').allowed).toBe(true);
  });

  it('says why nothing can land: no open cycle, review, a completed initiative', () => {
    expect(importTarget(null).before.reason).toMatch(/no open cycle/);
    expect(importTarget(cycle('review')).after.reason).toMatch(/in review/);
    expect(importTarget(cycle('evidence'), true).before.reason).toMatch(/completed/);
    expect(importTarget(cycle('evidence'))).toMatchObject({ cycleNumber: 2, phase: 'evidence', changeDate: '2026-03-10' });
  });

  it('refuses a split without a change date', () => {
    expect(possibilityOf(cycle('evidence', null), 'split').reason).toMatch(/no adaptation date/);
  });

  it('undoes an import while its cycle is open, never after close', () => {
    expect(undoPossibility(cycle('reflection'), 'after').allowed).toBe(true);
    expect(undoPossibility(cycle('hypothesis'), 'before').allowed).toBe(true);
    expect(undoPossibility(cycle('closed'), 'before').reason).toMatch(/closed/);
    expect(undoPossibility(cycle('review'), 'after').reason).toMatch(/in review/);
  });
});

describe('splitting responses at the change date', () => {
  const days: Record<number, string | null> = { 2: '2026-03-09', 3: '2026-03-10', 4: '2026-03-11', 5: null };

  it('counts the change day itself as after', () => {
    const preview = splitPreview(
      Object.entries(days).map(([line, day]) => ({ line: Number(line), day })),
      '2026-03-10',
    );
    expect(preview).toEqual({ changeDate: '2026-03-10', before: 1, after: 2, undated: 1, spansChange: true });
  });

  it('sorts responses to each side and names undated lines', () => {
    const parts = splitByDate([{ line: 2 }, { line: 3 }, { line: 4 }, { line: 5 }], (line) => days[line], '2026-03-10');
    expect(parts.before.map((r) => r.line)).toEqual([2]);
    expect(parts.after.map((r) => r.line)).toEqual([3, 4]);
    expect(parts.undatedLines).toEqual([5]);
  });

  it('does not span the change when every response is on one side', () => {
    expect(splitPreview([{ line: 2, day: '2026-04-01' }], '2026-03-10').spansChange).toBe(false);
  });
});
