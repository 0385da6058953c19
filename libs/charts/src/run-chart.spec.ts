import { axisTicks, cycleBands, spreadLabels, dayAxis, fixedRange, medianLabel, niceScale, runChartModel, signalsAt, valueScale } from './run-chart';
import { baselineMedian, chartSignals, SeriesPoint } from './run-rules';

const box = { left: 50, top: 10, width: 300, height: 200 };
const day = (k: number) => new Date(Date.UTC(2026, 2, 2 + k)).toISOString().slice(0, 10);
const series = (...values: number[]): SeriesPoint[] => values.map((value, k) => ({ day: day(k), value, n: 3 }));

describe('run chart scales', () => {
  it.each([
    [12, 19, { min: 12, max: 20, step: 2 }],
    [0, 100, { min: 0, max: 100, step: 25 }],
    [0, 10, { min: 0, max: 10, step: 2.5 }],
    [1, 5, { min: 1, max: 5, step: 1 }],
    [7, 7, { min: 6, max: 8, step: 0.5 }],
    [130, 480, { min: 100, max: 500, step: 100 }],
  ])('rounds an axis from %p to %p out to %p', (lo, hi, scale) => {
    expect(niceScale(lo, hi)).toEqual(scale);
  });

  it('keeps a fixed range and fits a count to its values', () => {
    expect(valueScale([3.2], fixedRange('scale_1_5'))).toEqual({ min: 1, max: 5, step: 1 });
    expect(valueScale([14, 19, 12])).toEqual({ min: 12, max: 20, step: 2 });
    expect(fixedRange('count')).toBeUndefined();
    expect(axisTicks({ min: 0, max: 0.3, step: 0.1 })).toEqual([0, 0.1, 0.2, 0.3]);
  });
});

describe('a run chart on an axis of dates', () => {
  it('places each day in its own slot, the first and last half a day from the edges', () => {
    const axis = dayAxis(series(1, 2, 3, 4), [], box);
    // four days, 75 units each: the first point at 37.5, the last at 262.5
    expect(axis.x(day(0))).toBeCloseTo(50 + 37.5);
    expect(axis.x(day(3))).toBeCloseTo(50 + 262.5);
    expect(axis.x(day(1)) - axis.x(day(0))).toBeCloseTo(75);
  });

  it('spaces points by their dates, not their order', () => {
    const points = [
      { day: '2026-03-01', value: 1, n: 1 },
      { day: '2026-03-02', value: 2, n: 1 },
      { day: '2026-03-10', value: 3, n: 1 },
    ];
    const model = runChartModel({ points, median: 2, basis: 'all', markers: [], signals: [], baseline: null, target: null }, box);
    const [a, b, c] = model.points.map((p) => p.x);
    expect(c - b).toBeCloseTo(8 * (b - a));
  });

  it('widens the axis to an adaptation made before the first measurement and draws it on its day', () => {
    const model = runChartModel(
      { points: series(4, 5, 6), median: 5, basis: 'all', markers: [{ label: 'A1', madeOn: '2026-02-28' }], signals: [], baseline: null, target: null },
      box,
    );
    expect(model.days.map((d) => d.day)).toEqual(['2026-02-28', day(2)]);
    expect(model.markers[0].x).toBeCloseTo(50 + 30);
    expect(model.markers[0].x).toBeLessThan(model.points[0].x);
  });

  it('draws each cycle as a band from its first day to its last, clipped to the axis, labelled "Cycle n"', () => {
    const axis = { first: 0, last: 9 };
    const start = (k: number) => new Date(k * 86400000).toISOString().slice(0, 10);
    const bands = cycleBands(
      [
        { number: 2, plannedStart: start(5), plannedEnd: start(20) },
        { number: 1, plannedStart: start(-3), plannedEnd: start(4) },
        { number: 3, plannedStart: start(21), plannedEnd: start(30) },
      ],
      axis,
      box,
    );
    expect(bands).toEqual([
      { number: 1, label: 'Cycle 1', x1: 50, x2: 50 + 150 },
      { number: 2, label: 'Cycle 2', x1: 50 + 150, x2: 50 + 300 },
    ]);
  });

  it('labels the median by its basis', () => {
    expect(medianLabel('baseline')).toBe('median of the baseline');
    expect(medianLabel('all')).toBe('median');
  });

  it('marks the points of a shift after an adaptation, and lists the signal in words', () => {
    const points = series(5, 6, 5, 6, 5, 6, 5, 9, 9, 10, 9, 10, 11, 10);
    const markers = [
      { label: 'A1', madeOn: day(0) },
      { label: 'A2', madeOn: day(7) },
    ];
    const median = baselineMedian(points, day(7));
    expect(median).toEqual({ median: 5, basis: 'baseline', points: 7 });
    const signals = chartSignals(points, median.median, markers);
    const model = runChartModel({ points, median: median.median, basis: median.basis, markers, signals, baseline: null, target: null }, box);
    const shift = model.signals.find((s) => s.kind === 'shift')!;
    expect(shift.words).toBe('shift: 10 points above the median since 3 March, after adaptation A1');
    expect(model.references).toEqual([expect.objectContaining({ kind: 'median', label: 'median of the baseline', value: 5 })]);
    // points on the median are no part of the shift
    expect(model.points.filter((p) => p.signals.includes('shift')).map((p) => p.value)).toEqual([6, 6, 6, 9, 9, 10, 9, 10, 11, 10]);
    expect(model.markers.map((m) => m.label)).toEqual(['A1', 'A2']);
  });

  it('marks the points of a trend', () => {
    const points = series(1, 2, 3, 4, 5, 4);
    expect(signalsAt(points[0], chartSignals(points, 3), 3)).toEqual(['trend']);
    expect(signalsAt(points[5], chartSignals(points, 3), 3)).toEqual([]);
  });

  it('draws no line, no median and no signal from fewer than three points', () => {
    const points = series(4, 8);
    const signal = { kind: 'shift' as const, from: day(0), to: day(1), points: 2, direction: 'above' as const, after: null, words: 'made up' };
    const model = runChartModel({ points, median: 6, basis: 'all', markers: [], signals: [signal], baseline: 5, target: 9 }, box);
    expect(model.line).toBe(false);
    expect(model.references.map((r) => r.kind)).toEqual(['baseline', 'target']);
    expect(model.signals).toEqual([]);
    expect(model.points.every((p) => p.signals.length === 0)).toBe(true);
  });

  it('puts baseline and target at their heights on the value scale', () => {
    const model = runChartModel({ points: series(12, 14, 16), median: 14, basis: 'all', markers: [], signals: [], baseline: 12, target: 20 }, box);
    expect(model.scale).toEqual({ min: 12, max: 20, step: 2 });
    expect(model.references.find((r) => r.kind === 'baseline')!.y).toBeCloseTo(210);
    expect(model.references.find((r) => r.kind === 'target')!.y).toBeCloseTo(10);
    expect(model.points[1].y).toBeCloseTo(160);
  });

  it('spreads labels of lines that meet so none is written over another', () => {
    expect(spreadLabels([100, 40, 100, 105], 12)).toEqual([100, 40, 112, 124]);
  });
});
