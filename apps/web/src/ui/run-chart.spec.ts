import { describe, expect, it } from '@jest/globals';
import { baselineMedian, chartSignals, fixedRange } from '@r2c/charts';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
// The one test that sets the server's drawing beside the web's: the web's tsconfig cannot compile a Nest library's barrel,
// so it reads the server chart's own file (pure, no Nest), the only deep import the boundaries allow, here.
// eslint-disable-next-line no-restricted-imports
import { runChart, SUMMARY_PLOT } from '../../../../libs/reports/src/summaries/run-chart';
import type { ChartMarker, CycleSpan, IndicatorSummary } from '../api/types';
import { RunChart, WEB_PLOT } from './run-chart';

// The summary's SVG (HTML and email) and the web app's chart differ in size, so a place is compared as
// its share of each one's plot: the same day must stand at the same point of the axis of dates.

const spans: CycleSpan[] = [
  { number: 1, plannedStart: '2026-03-02', plannedEnd: '2026-03-15' },
  { number: 2, plannedStart: '2026-03-16', plannedEnd: '2026-04-12' },
];
const day = (k: number) => new Date(Date.UTC(2026, 2, 2 + k * 2)).toISOString().slice(0, 10);
const VALUES = [10, 11, 10, 9, 10, 9, 14, 15, 13, 14, 15, 13, 15];
const markers: ChartMarker[] = [
  { label: 'A1', cycleNumber: 1, madeOn: day(0), whatChanged: 'Chairs in a circle, coffee first' },
  { label: 'A2', cycleNumber: 2, madeOn: day(6), whatChanged: 'A Dari-speaking greeter at the door' },
];

function indicatorOf(
  values: number[],
  kind: IndicatorSummary['kind'] = 'count',
): Pick<IndicatorSummary, 'id' | 'name' | 'unit' | 'kind' | 'baseline' | 'target' | 'series' | 'chart'> {
  const points = values.map((value, k) => ({ day: day(k), value, n: 3 }));
  const dated = markers.map(({ label, madeOn }) => ({ label, madeOn }));
  const median = baselineMedian(points, day(6));
  return {
    id: 'i1',
    name: 'Attendance',
    unit: 'people',
    kind,
    baseline: 9,
    target: 15,
    series: [],
    chart: { points, median: median.median, basis: median.basis, markers: dated, signals: chartSignals(points, median.median, dated) },
  };
}

function drawnBoth(indicator = indicatorOf(VALUES)) {
  const server = runChart({
    indicatorName: indicator.name,
    unit: indicator.unit,
    chart: indicator.chart!,
    baseline: indicator.baseline,
    target: indicator.target,
    range: fixedRange(indicator.kind),
    cycleSpans: spans,
    adaptations: markers,
  });
  const web = renderToStaticMarkup(createElement(RunChart, { indicator, markers, spans }));
  const share = (box: typeof WEB_PLOT) => (x: string) => (Number(x) - box.left) / box.width;
  const xs = (markup: string, pattern: RegExp, box: typeof WEB_PLOT) => [...markup.matchAll(pattern)].map((m) => m[1]).map(share(box));
  return {
    web,
    server: {
      markers: xs(server, /<g class="adaptation"[^>]*><title>[^<]*<\/title><line x1="([\d.]+)"/g, SUMMARY_PLOT),
      points: xs(server, /<circle class="point[^"]*" cx="([\d.]+)"/g, SUMMARY_PLOT),
      signalled: [...server.matchAll(/<circle class="point( signal)?"/g)].map((m) => !!m[1]),
      ticks: [...server.matchAll(/text-anchor="end" fill="#444444">([\d.-]+)<\/text>/g)].map((m) => Number(m[1])),
    },
    webPlaced: {
      markers: xs(web, /<g class="adaptation"><line x1="([\d.]+)"/g, WEB_PLOT),
      points: xs(web, /<circle class="point[^"]*" cx="([\d.]+)"/g, WEB_PLOT),
      signalled: [...web.matchAll(/<circle class="point( signal)?"/g)].map((m) => !!m[1]),
      ticks: [...web.matchAll(/<g class="grid">.*?text-anchor="end">([\d.-]+)<\/text>/g)].map((m) => Number(m[1])),
    },
  };
}

describe('the summary’s run chart and the web app’s', () => {
  it('place every day, every adaptation and every signal point at the same point of the axis', () => {
    const { server, webPlaced } = drawnBoth();
    expect(server.points).toHaveLength(13);
    server.points.forEach((x, k) => expect(webPlaced.points[k]).toBeCloseTo(x, 3));
    expect(server.markers).toHaveLength(2);
    server.markers.forEach((x, k) => expect(webPlaced.markers[k]).toBeCloseTo(x, 3));
    expect(webPlaced.signalled).toEqual(server.signalled);
    expect(server.signalled.filter(Boolean)).toHaveLength(7);
  });

  it.each([
    ['a count', 'count' as const, [8, 10, 12, 14, 16]],
    ['a 1–5 scale', 'scale_1_5' as const, [1, 2, 3, 4, 5]],
  ])('draw %s on the same value axis', (_, kind, ticks) => {
    const values = kind === 'scale_1_5' ? [3, 3.5, 4] : VALUES;
    const { server, webPlaced } = drawnBoth(indicatorOf(values, kind));
    expect(server.ticks).toEqual(ticks);
    expect(webPlaced.ticks).toEqual(ticks);
  });
});

describe('the web app’s run chart', () => {
  it('writes the shift under the chart and in its description, labels the median by its basis and lists the adaptations', () => {
    const { web } = drawnBoth();
    const words = 'shift: 7 points above the median since 14 March, after adaptation A2';
    expect(web).toContain(`<li class="chart-signal">${words}</li>`);
    expect(web).toContain(`Signals: ${words}.`);
    expect(web).toContain('Read against the median of the baseline: 10.');
    expect(web).toContain('Chairs in a circle, coffee first');
    expect([...web.matchAll(/class="cycle-label"[^>]*>([^<]+)</g)].map((m) => m[1])).toEqual(['Cycle 1', 'Cycle 2']);
  });

  it('draws no line, median or signal from two points, and says so', () => {
    const { web } = drawnBoth(indicatorOf([10, 12]));
    expect(web).not.toContain('<polyline');
    expect(web).not.toContain('class="median"');
    expect(web).toContain('Fewer than 3 points: no line, median or signal yet.');
  });

  it('says when nothing was measured yet, and when a summary was compiled before charts by day', () => {
    expect(renderToStaticMarkup(createElement(RunChart, { indicator: indicatorOf([]) }))).toContain('Attendance: no measurements yet.');
    expect(renderToStaticMarkup(createElement(RunChart, { indicator: { ...indicatorOf([]), chart: undefined } }))).toContain(
      'Attendance: this summary was compiled before run charts by day',
    );
  });
});
