import { baselineMedian, chartSignals } from '@r2c/charts';
import type { ChartSeries, SeriesPoint } from '@r2c/charts';
import { describeChart, escapeXml, formatNumber, runChart, RunChartInput } from './run-chart';

const day = (k: number) => new Date(Date.UTC(2026, 2, 2 + k)).toISOString().slice(0, 10);
const series = (...values: number[]): SeriesPoint[] => values.map((value, k) => ({ day: day(k), value, n: 4 }));

function chartOf(points: SeriesPoint[], markers: { label: string; madeOn: string }[] = [], firstAdaptation: string | null = null): ChartSeries {
  const median = baselineMedian(points, firstAdaptation);
  return { points, median: median.median, basis: median.basis, markers, signals: chartSignals(points, median.median, markers) };
}

const attendance = (overrides: Partial<RunChartInput> = {}): RunChartInput => ({
  indicatorName: 'Attendance',
  unit: 'people',
  chart: chartOf(series(14, 16.5, 19)),
  baseline: 12,
  target: 18,
  ...overrides,
});

const circles = (svg: string) =>
  [...svg.matchAll(/<circle class="point( signal)?" cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => ({ signal: !!m[1], x: Number(m[2]), y: Number(m[3]) }));
const lineY = (svg: string, kind: string) => Number(svg.match(new RegExp(`<line class="${kind}"[^>]* y1="([\\d.]+)"`))?.[1]);

describe('run chart SVG', () => {
  it('is one self-contained SVG element that references nothing outside it', () => {
    const svg = runChart(attendance());
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg.match(/<svg/g)).toHaveLength(1);
    expect(svg).toContain('<title>Attendance (people) by day</title>');
    expect(svg).not.toMatch(/href|<image|<script|<style|@import|url\(|<foreignObject|\bon\w+=/i);
  });

  it('draws every measured day left to right by date, joined by one line, with the first and last day named', () => {
    const svg = runChart(attendance({ chart: chartOf(series(14, 16.5, 19, 15)) }));
    const xs = circles(svg).map((c) => c.x);
    expect(xs).toHaveLength(4);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(svg.match(/<polyline class="series"/g)).toHaveLength(1);
    expect(svg).toContain('>2 March 2026</text>');
    expect(svg).toContain('>5 March 2026</text>');
  });

  it('draws baseline, target and the median, each labelled with its value', () => {
    const svg = runChart(attendance());
    expect(lineY(svg, 'baseline')).toBeGreaterThan(lineY(svg, 'target'));
    expect(svg).toContain('>baseline 12</text>');
    expect(svg).toContain('>target 18</text>');
    expect(svg).toContain('>median 16.5</text>');
  });

  it('never draws a line or a median from fewer than three points, and says so', () => {
    const two = runChart(attendance({ chart: chartOf(series(14, 16.5)) }));
    expect(circles(two)).toHaveLength(2);
    expect(two).not.toContain('<polyline');
    expect(two).not.toContain('class="median"');
    expect(two).toContain('>fewer than 3 points: no line or median</text>');
    expect(two).toContain('Fewer than 3 points, so no line or median is drawn.');
  });

  it('draws the cycles as labelled bands and each adaptation on its day, with what changed in its title', () => {
    const markers = [
      { label: 'A1', madeOn: day(2) },
      { label: 'A2', madeOn: day(5) },
    ];
    const svg = runChart(
      attendance({
        chart: chartOf(series(14, 15, 16, 15, 17, 18, 19), markers),
        cycleSpans: [
          { number: 1, plannedStart: day(-3), plannedEnd: day(3) },
          { number: 2, plannedStart: day(4), plannedEnd: day(20) },
        ],
        adaptations: [
          { label: 'A1', cycleNumber: 1, madeOn: day(2), whatChanged: 'Moved story time to Saturday' },
          { label: 'A2', cycleNumber: 2, madeOn: day(5), whatChanged: 'Added a Dari-speaking greeter & <tea>' },
        ],
      }),
    );
    expect([...svg.matchAll(/class="cycle-label"[^>]*>([^<]+)</g)].map((m) => m[1])).toEqual(['Cycle 1', 'Cycle 2']);
    const marked = [...svg.matchAll(/<g class="adaptation" aria-label="([^"]+)"><title>[^<]+<\/title><line x1="([\d.]+)"/g)];
    expect(marked.map((m) => m[1])).toEqual([
      'Adaptation A1 on 4 March: Moved story time to Saturday',
      'Adaptation A2 on 7 March: Added a Dari-speaking greeter &amp; &lt;tea&gt;',
    ]);
    const xs = circles(svg).map((c) => c.x);
    expect(Number(marked[0][2])).toBeCloseTo(xs[2]);
    expect(Number(marked[1][2])).toBeCloseTo(xs[5]);
  });

  it('fills the points of a shift in the signal colour and states the signal in its description', () => {
    const markers = [
      { label: 'A1', madeOn: day(0) },
      { label: 'A2', madeOn: day(6) },
    ];
    const chart = chartOf(series(10, 11, 10, 9, 10, 9, 14, 15, 13, 14, 15, 13, 15), markers, day(6));
    const svg = runChart(attendance({ chart }));
    expect(circles(svg).map((c) => c.signal)).toEqual([false, false, false, false, false, false, true, true, true, true, true, true, true]);
    expect(svg).toContain('>median of the baseline 10</text>');
    expect(describeChart(attendance({ chart }))).toContain('Signals: shift: 7 points above the median since 8 March, after adaptation A2.');
  });

  it('says when nothing was measured yet, and draws no point', () => {
    const svg = runChart(attendance({ chart: chartOf([]) }));
    expect(circles(svg)).toHaveLength(0);
    expect(svg).toContain('<desc>No measurements yet.</desc>');
  });

  it('keeps a fixed range such as 1–5 for a scale', () => {
    const svg = runChart(attendance({ unit: 'score (1–5)', range: { min: 1, max: 5 }, chart: chartOf(series(3.2)), baseline: null, target: null }));
    expect(svg).toMatch(/text-anchor="end" fill="#444444">1<\/text>/);
    expect(svg).toMatch(/text-anchor="end" fill="#444444">5<\/text>/);
  });

  it('escapes the indicator name and unit wherever they appear', () => {
    const svg = runChart(attendance({ indicatorName: '<script>alert("x")</script> & co', unit: "people's <b>" }));
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co (people&#39;s &lt;b&gt;) by day');
  });
});

describe('run chart helpers', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });

  it.each([
    [16, '16'],
    [4.2, '4.2'],
    [10 / 3, '3.33'],
    [-1.5, '-1.5'],
  ])('shows %p as %s', (value, shown) => expect(formatNumber(value)).toBe(shown));
});
