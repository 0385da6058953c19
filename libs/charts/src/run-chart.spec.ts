import { axisTicks, centreLine, ChartPoint, cycleAxis, fixedRange, median, niceScale, runChartModel, shareOfCycle, showsTrend, valueScale } from './run-chart';

const points = (...means: number[]): ChartPoint[] => means.map((mean, k) => ({ cycleNumber: k + 1, mean, n: 4 }));
const box = { left: 50, top: 10, width: 300, height: 200 };
const march = { plannedStart: '2026-03-02', plannedEnd: '2026-03-29' };

describe('run chart rules', () => {
  it.each([
    [12, 19, { min: 12, max: 20, step: 2 }],
    [0, 100, { min: 0, max: 100, step: 25 }],
    [0, 10, { min: 0, max: 10, step: 2.5 }],
    [1, 5, { min: 1, max: 5, step: 1 }],
    [7, 7, { min: 6, max: 8, step: 0.5 }],
    [0, 1, { min: 0, max: 1, step: 0.25 }],
    [130, 480, { min: 100, max: 500, step: 100 }],
  ])('rounds an axis from %p to %p out to %p', (lo, hi, scale) => {
    expect(niceScale(lo, hi)).toEqual(scale);
  });

  it.each([
    [[14, 19], undefined, { min: 14, max: 20, step: 2 }],
    [[14, 19, 12], undefined, { min: 12, max: 20, step: 2 }],
    [[3.2], { min: 1, max: 5 }, { min: 1, max: 5, step: 1 }],
    [[40, 60], { min: 0, max: 100 }, { min: 0, max: 100, step: 25 }],
    [[], undefined, { min: 0, max: 1, step: 0.25 }],
  ])('scales the values %p with the fixed range %p to %p', (values, range, scale) => {
    expect(valueScale(values, range)).toEqual(scale);
  });

  it.each([
    [{ min: 1, max: 5, step: 1 }, [1, 2, 3, 4, 5]],
    [{ min: 0, max: 100, step: 25 }, [0, 25, 50, 75, 100]],
    [{ min: 0, max: 0.3, step: 0.1 }, [0, 0.1, 0.2, 0.3]],
    [{ min: 6, max: 8, step: 0.5 }, [6, 6.5, 7, 7.5, 8]],
  ])('ticks the scale %p at %p', (scale, ticks) => {
    expect(axisTicks(scale)).toEqual(ticks);
  });

  it.each([
    ['scale_1_5', { min: 1, max: 5 }],
    ['percent', { min: 0, max: 100 }],
    ['count', undefined],
    ['text', undefined],
  ])('fixes the range of a %s indicator at %p', (kind, range) => {
    expect(fixedRange(kind)).toEqual(range);
  });

  it.each([
    [[], false, null],
    [[14], false, null],
    [[14, 16.5], false, null],
    [[14, 16.5, 19], true, 16.5],
    [[14, 20, 16, 19], true, 17.5],
  ])('with the means %p shows a trend: %p, read against the median %p', (means, trend, centre) => {
    expect(showsTrend(points(...means))).toBe(trend);
    expect(centreLine(points(...means))).toBe(centre);
  });

  it.each([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[], null],
  ])('takes the median of %p as %p', (values, mid) => {
    expect(median(values)).toBe(mid);
  });

  it.each([
    ['the first day', '2026-03-02', 0.1],
    ['the third day', '2026-03-04', 0.1],
    ['the fourth day', '2026-03-05', 3 / 28],
    ['the middle', '2026-03-16', 0.5],
    ['the last day but three', '2026-03-26', 24 / 28],
    ['the last day', '2026-03-29', 0.9],
    ['a date before the cycle', '2026-02-20', 0.1],
    ['a date after the cycle', '2026-05-01', 0.9],
    ['a date that does not parse', 'soon', 0.5],
  ])('places an adaptation on %s (%s) at %p of a cycle planned 2026-03-02 to 2026-03-29', (_, madeOn, share) => {
    expect(shareOfCycle(madeOn, march)).toBeCloseTo(share, 6);
  });

  it.each([
    ['no span', undefined],
    ['a span that ends before it starts', { plannedStart: '2026-03-29', plannedEnd: '2026-03-02' }],
  ])('places an adaptation in the middle of its cycle when it has %s', (_, span) => {
    expect(shareOfCycle('2026-03-16', span)).toBe(0.5);
  });

  it.each([
    [[1, 2, 3], [], [1, 2, 3]],
    [
      [1, 2, 3, 4],
      [1, 4],
      [1, 2, 3, 4],
    ],
    [[1, 2], [3], [1, 2, 3]],
    [[3, 1], [2], [1, 2, 3]],
  ])('puts the cycles %p with points in %p on the axis as %p', (cycles, withPoints, axis) => {
    expect(
      cycleAxis(
        cycles,
        withPoints.map((cycleNumber) => ({ cycleNumber, mean: 1, n: 1 })),
      ),
    ).toEqual(axis);
  });
});

describe('run chart model', () => {
  const spans = [
    { number: 1, plannedStart: '2026-03-02', plannedEnd: '2026-03-29' },
    { number: 2, plannedStart: '2026-03-30', plannedEnd: '2026-04-26' },
  ];
  const model = runChartModel(
    {
      cycleNumbers: [1, 2, 3],
      points: [
        { cycleNumber: 3, mean: 19, n: 5 },
        { cycleNumber: 1, mean: 14, n: 4 },
        { cycleNumber: 2, mean: 16.5, n: 4 },
      ],
      baseline: 12,
      target: 18,
      spans,
      markers: [
        { label: 'A1', cycleNumber: 2, madeOn: '2026-03-30' },
        { label: 'A2', cycleNumber: 2, madeOn: '2026-04-13' },
        { label: 'A3', cycleNumber: 3, madeOn: '2026-05-01' },
        { label: 'A9', cycleNumber: 7, madeOn: '2026-09-01' },
      ],
    },
    box,
  );

  it('gives every cycle an equal band with its point in the middle, in cycle order', () => {
    expect(model.bandWidth).toBe(100);
    expect(model.cycles).toEqual([
      { cycleNumber: 1, x: 100 },
      { cycleNumber: 2, x: 200 },
      { cycleNumber: 3, x: 300 },
    ]);
    expect(model.points.map((p) => [p.cycleNumber, p.x])).toEqual([
      [1, 100],
      [2, 200],
      [3, 300],
    ]);
  });

  it('maps the scale’s ends to the plot’s bottom and top', () => {
    expect(model.scale).toEqual({ min: 12, max: 20, step: 2 });
    expect(model.ticks.map((t) => [t.value, t.y])).toEqual([
      [12, 210],
      [14, 160],
      [16, 110],
      [18, 60],
      [20, 10],
    ]);
    expect(model.points.map((p) => p.y)).toEqual([160, 97.5, 35]);
  });

  it('draws the baseline, the target and, from three points on, the median', () => {
    expect(model.trend).toBe(true);
    expect(model.references).toEqual([
      { kind: 'baseline', value: 12, y: 210 },
      { kind: 'target', value: 18, y: 60 },
      { kind: 'median', value: 16.5, y: 97.5 },
    ]);
    const two = runChartModel({ cycleNumbers: [1, 2], points: points(14, 16.5), baseline: null, target: null }, box);
    expect(two.trend).toBe(false);
    expect(two.references).toEqual([]);
  });

  it('places each marker at its date within its cycle’s band, the first day held off the band’s edge, and leaves out a cycle not on the axis', () => {
    expect(model.markers.map((m) => [m.label, m.x])).toEqual([
      ['A1', 160],
      ['A2', 200],
      ['A3', 300],
    ]);
  });
});
