import { describe, expect, it } from '@jest/globals';
import { fixedRange } from '@r2c/charts';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
// The one test that sets the server's drawing beside the web's: the web's tsconfig cannot compile a Nest library's barrel,
// so it reads the server chart's own file (pure, no Nest), the only deep import the boundaries allow, here.
// eslint-disable-next-line no-restricted-imports
import { runChart, SUMMARY_PLOT } from '../../../../libs/reports/src/summaries/run-chart';
import type { ChartMarker, CycleSpan, IndicatorSummary } from '../api/types';
import { RunChart, WEB_PLOT } from './run-chart';

// The summary's SVG (HTML and email) and the web app's chart differ in size, so a place is compared as
// its share of each one's plot: the same adaptation must stand at the same point of the cycles' axis.

const spans: CycleSpan[] = [
  { number: 1, plannedStart: '2026-03-02', plannedEnd: '2026-03-29' },
  { number: 2, plannedStart: '2026-03-30', plannedEnd: '2026-04-26' },
  { number: 3, plannedStart: '2026-04-27', plannedEnd: '2026-05-24' },
];
const stat = (cycleNumber: number, mean: number | null, n: number) => ({ cycleNumber, mean, n, min: mean, max: mean });
const attendance: Pick<IndicatorSummary, 'id' | 'name' | 'unit' | 'kind' | 'baseline' | 'target' | 'series'> = {
  id: 'i1',
  name: 'Attendance',
  unit: 'people',
  kind: 'count',
  baseline: 12,
  target: 18,
  series: [stat(1, 14, 4), stat(2, null, 0), stat(3, 19, 5)],
};

function drawnBoth(markers: ChartMarker[], indicator = attendance, cycleSpans = spans) {
  const points = indicator.series.flatMap((p) => (p.mean === null ? [] : [{ cycleNumber: p.cycleNumber, mean: p.mean, n: p.n }]));
  const server = runChart({
    indicatorName: indicator.name,
    unit: indicator.unit,
    cycleNumbers: [1, 2, 3],
    points,
    baseline: indicator.baseline,
    target: indicator.target,
    currentCycle: 3,
    range: fixedRange(indicator.kind),
    cycleSpans,
    adaptations: markers,
  });
  const web = renderToStaticMarkup(createElement(RunChart, { indicator, currentCycle: 3, markers, spans: cycleSpans }));
  const share = (box: typeof WEB_PLOT) => (x: string) => (Number(x) - box.left) / box.width;
  const xs = (markup: string, pattern: RegExp, box: typeof WEB_PLOT) => [...markup.matchAll(pattern)].map((m) => m[1]).map(share(box));
  return {
    server: {
      markers: xs(server, /<g class="adaptation"[^>]*><title>[^<]*<\/title><line x1="([\d.]+)"/g, SUMMARY_PLOT),
      points: xs(server, /<circle class="point" cx="([\d.]+)"/g, SUMMARY_PLOT),
      ticks: [...server.matchAll(/text-anchor="end" fill="#444444">([\d.-]+)<\/text>/g)].map((m) => Number(m[1])),
    },
    web: {
      markers: xs(web, /<g class="adaptation"><line x1="([\d.]+)"/g, WEB_PLOT),
      points: xs(web, /<circle class="point" cx="([\d.]+)"/g, WEB_PLOT),
      ticks: [...web.matchAll(/<g class="grid">.*?text-anchor="end">([\d.-]+)<\/text>/g)].map((m) => Number(m[1])),
    },
  };
}

const marker = (label: string, cycleNumber: number, madeOn: string): ChartMarker => ({ label, cycleNumber, madeOn, whatChanged: 'Moved story time' });

describe('the summary’s run chart and the web app’s', () => {
  it.each([
    ['on its cycle’s first day', marker('A1', 1, '2026-03-02'), spans, 0.1 / 3],
    ['in the middle of its cycle', marker('A1', 2, '2026-04-13'), spans, 1 / 3 + 0.5 / 3],
    ['on its cycle’s last day', marker('A1', 2, '2026-04-26'), spans, 1 / 3 + 0.9 / 3],
    ['dated after its cycle', marker('A1', 3, '2026-06-30'), spans, 2 / 3 + 0.9 / 3],
    ['of a cycle without a planned span', marker('A1', 3, '2026-04-28'), spans.slice(0, 2), 2 / 3 + 0.5 / 3],
  ])('place an adaptation %s at the same point of the axis', (_, m, cycleSpans, share) => {
    const { server, web } = drawnBoth([m], attendance, cycleSpans);
    expect(server.markers).toHaveLength(1);
    expect(web.markers).toHaveLength(1);
    expect(server.markers[0]).toBeCloseTo(share, 3);
    expect(web.markers[0]).toBeCloseTo(share, 3);
  });

  it('leave out an adaptation of a cycle neither shows', () => {
    const { server, web } = drawnBoth([marker('A9', 4, '2026-06-01')]);
    expect([server.markers, web.markers]).toEqual([[], []]);
  });

  it('place a cycle’s adaptations in the same order and at the same places', () => {
    const { server, web } = drawnBoth([marker('A1', 1, '2026-03-09'), marker('A2', 1, '2026-03-23'), marker('A3', 3, '2026-05-01')]);
    expect(server.markers).toHaveLength(3);
    server.markers.forEach((x, k) => expect(web.markers[k]).toBeCloseTo(x, 3));
  });

  it.each([
    ['a count', attendance, [12, 14, 16, 18, 20]],
    ['a percentage', { ...attendance, kind: 'percent' as const, baseline: 40, target: 60, series: [stat(1, 45, 3), stat(3, 52, 3)] }, [0, 25, 50, 75, 100]],
    ['a 1–5 scale', { ...attendance, kind: 'scale_1_5' as const, baseline: 3.4, target: 4.2, series: [stat(1, 3.8, 9)] }, [1, 2, 3, 4, 5]],
  ])('draw %s on the same value axis and its points at the same places', (_, indicator, ticks) => {
    const { server, web } = drawnBoth([], indicator);
    expect(server.ticks).toEqual(ticks);
    expect(web.ticks).toEqual(ticks);
    expect(server.points).toHaveLength(web.points.length);
    server.points.forEach((x, k) => expect(web.points[k]).toBeCloseTo(x, 3));
  });
});
