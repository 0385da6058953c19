import { baselineMedian, chartSignals, dayInWords, runsLimits, runsOf, SeriesPoint, shifts, trends } from './run-rules';

/** Daily points from 2 March 2026, one a day. */
const series = (values: number[], start = Date.UTC(2026, 2, 2)): SeriesPoint[] =>
  values.map((value, i) => ({ day: new Date(start + i * 86400000).toISOString().slice(0, 10), value, n: 1 }));

describe('run-chart rules', () => {
  describe('baseline median', () => {
    it('is the median of the points before the first adaptation when there are at least six', () => {
      const points = series([10, 12, 11, 13, 12, 11, 18, 19, 20]);
      expect(baselineMedian(points, '2026-03-08')).toEqual({ median: 11.5, basis: 'baseline', points: 6 });
    });
    it('falls back to every point with fewer than six before the adaptation, or none at all', () => {
      const points = series([10, 12, 11, 13, 12, 18, 19, 20]);
      expect(baselineMedian(points, '2026-03-07')).toEqual({ median: 12.5, basis: 'all', points: 8 });
      expect(baselineMedian(points, null).basis).toBe('all');
      expect(baselineMedian([], null).median).toBeNull();
    });
  });

  describe('shift: six or more points on one side of the median', () => {
    it('fires at six and not at five', () => {
      expect(shifts(series([1, 1, 5, 5, 5, 5, 5, 5, 1]), 3)).toEqual([{ kind: 'shift', from: '2026-03-04', to: '2026-03-09', points: 6, direction: 'above' }]);
      expect(shifts(series([1, 1, 5, 5, 5, 5, 5, 1, 1]), 3)).toEqual([]);
    });
    it('neither counts nor breaks on a point that lies on the median', () => {
      expect(shifts(series([5, 5, 5, 3, 5, 5, 1]), 3)).toEqual([]);
      expect(shifts(series([1, 1, 1, 3, 1, 1, 1, 5]), 3)).toEqual([{ kind: 'shift', from: '2026-03-02', to: '2026-03-08', points: 6, direction: 'below' }]);
    });
  });

  describe('trend: five or more points all rising or all falling', () => {
    it('fires at five and not at four', () => {
      expect(trends(series([3, 1, 2, 3, 4, 5, 2]))).toEqual([{ kind: 'trend', from: '2026-03-03', to: '2026-03-07', points: 5, direction: 'up' }]);
      expect(trends(series([3, 1, 2, 3, 4, 2]))).toEqual([]);
      expect(trends(series([9, 8, 7, 6, 5]))).toEqual([{ kind: 'trend', from: '2026-03-02', to: '2026-03-06', points: 5, direction: 'down' }]);
    });
    it('counts equal neighbours once: they neither make nor break a trend', () => {
      expect(trends(series([1, 2, 2, 3, 4]))).toEqual([]);
      expect(trends(series([1, 2, 2, 3, 4, 5]))).toEqual([{ kind: 'trend', from: '2026-03-02', to: '2026-03-07', points: 5, direction: 'up' }]);
    });
  });

  describe('runs: too few or too many crossings of the median', () => {
    it('draws its limits from the exact distribution of runs (Swed & Eisenhart), from ten useful points on', () => {
      expect(runsLimits(9)).toBeNull();
      expect(runsLimits(10)).toEqual({ lower: 3, upper: 9 });
      expect(runsLimits(14)).toEqual({ lower: 4, upper: 12 });
      expect(runsLimits(20)).toEqual({ lower: 7, upper: 15 });
      expect(runsLimits(30)).toEqual({ lower: 11, upper: 21 });
      expect(runsLimits(60)).toEqual({ lower: 24, upper: 38 });
    });
    it('counts runs over the points off the median', () => {
      expect(runsOf(series([1, 5, 3, 5, 1, 1]), 3)).toMatchObject({ runs: 3, useful: 5 });
    });
    it('names too many runs at ten alternating points, and not at nine runs', () => {
      const alternating = series([1, 5, 1, 5, 1, 5, 1, 5, 1, 5]);
      expect(chartSignals(alternating, 3).map((s) => s.kind)).toEqual(['too_many_runs']);
      const nineRuns = series([1, 5, 1, 5, 1, 5, 1, 5, 5, 1]);
      expect(runsOf(nineRuns, 3).runs).toBe(9);
      expect(chartSignals(nineRuns, 3)).toEqual([]);
    });
    it('names too few runs: two runs in ten points', () => {
      const signals = chartSignals(series([1, 1, 1, 1, 1, 5, 5, 5, 5, 5]), 3);
      expect(signals.map((s) => s.kind)).toEqual(['too_few_runs']);
      expect(signals[0].words).toBe(
        'too few runs: 2 runs in 10 points (chance alone gives at least 3): the points stay on one side of the median for long stretches',
      );
    });
    it('does not name too few runs at three runs in ten points, the lower limit', () => {
      const threeRuns = series([1, 1, 1, 1, 5, 5, 5, 1, 1, 1]);
      expect(runsOf(threeRuns, 3)).toMatchObject({ runs: 3, useful: 10 });
      expect(chartSignals(threeRuns, 3)).toEqual([]);
    });
    it('stays silent below ten useful points however the points fall', () => {
      expect(chartSignals(series([1, 1, 1, 1, 5, 5, 5, 5, 3, 3]), 3)).toEqual([]);
    });
  });

  describe('signals in words', () => {
    it('names the shift, its side, its first day and the adaptation it follows', () => {
      const points = series([10, 12, 11, 13, 12, 11, 14, 15, 16, 15, 17, 16, 18]);
      const markers = [
        { label: 'A1', madeOn: '2026-03-03' },
        { label: 'A2', madeOn: '2026-03-07' },
      ];
      const median = baselineMedian(points, '2026-03-08').median;
      const shift = chartSignals(points, median, markers).find((s) => s.kind === 'shift')!;
      expect(shift).toMatchObject({ from: '2026-03-08', points: 7, direction: 'above', after: 'A2' });
      expect(shift.words).toBe('shift: 7 points above the median since 8 March, after adaptation A2');
    });
    it('says nothing without points or a median', () => {
      expect(chartSignals([], 3)).toEqual([]);
      expect(chartSignals(series([1, 2, 3, 4, 5, 6]), null)).toEqual([]);
    });
    it('writes the year when the series spans two', () => {
      expect(dayInWords('2026-03-12')).toBe('12 March');
      const points = series([1, 2, 3, 4, 5], Date.UTC(2025, 11, 30));
      expect(chartSignals(points, 3).find((s) => s.kind === 'trend')!.words).toBe('trend: 5 points rising in a row since 30 December 2025');
    });
  });
});
