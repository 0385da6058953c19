/** One line of the table: a figure, the baseline measured in the same run, and the target it is held to. */
export interface Figure {
  measure: string;
  value: number | null;
  unit: string;
  baseline?: number | null;
  /** The typical peer (bench/peer-server: NestJS + ValidationPipe + TypeORM, one insert) in the same run, where it does the same work. */
  peer?: number | null;
  /** Whether the target holds; undefined when the figure has no target of its own (context only). */
  met?: boolean;
  target?: string;
  /** Why there is no value, or what else the run showed. */
  note?: string;
}

const format = (value: number | null | undefined, unit: string): string => {
  if (value === null || value === undefined) return '—';
  const digits = Math.abs(value) >= 100 || Number.isInteger(value) ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`.trim();
};

const ratio = (value: number | null, of: number | null | undefined): string =>
  value !== null && of !== null && of !== undefined && of !== 0 ? `${(value / of).toFixed(2)}×` : '—';

export function renderTable(figures: Figure[]): string {
  const header = ['measure', 'value', 'baseline', 'ratio', 'peer', 'vs peer', 'target', 'met', 'note'];
  const rows = figures.map((f) => [
    f.measure,
    f.value === null ? 'not measured' : format(f.value, f.unit),
    format(f.baseline, f.unit),
    ratio(f.value, f.baseline),
    format(f.peer, f.unit),
    ratio(f.value, f.peer),
    f.target ?? '',
    f.met === undefined ? '' : f.met ? 'yes' : 'NO',
    f.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Targets count whether or not they could be measured: an unmeasured target is not met. */
export function verdict(figures: Figure[]): string {
  const targets = figures.filter((f) => f.target);
  const met = targets.filter((f) => f.met === true).length;
  return `bench: ${met} of ${targets.length} targets met`;
}
