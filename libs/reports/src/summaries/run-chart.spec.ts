import { escapeXml, formatNumber, median, niceScale, runChart, RunChartInput } from './run-chart';

const attendance = (overrides: Partial<RunChartInput> = {}): RunChartInput => ({
  indicatorName: 'Attendance',
  unit: 'people',
  cycleNumbers: [1, 2, 3],
  points: [
    { cycleNumber: 1, mean: 14, n: 4 },
    { cycleNumber: 2, mean: 16.5, n: 4 },
    { cycleNumber: 3, mean: 19, n: 5 },
  ],
  baseline: 12,
  target: 18,
  currentCycle: 3,
  ...overrides,
});

const circles = (svg: string) => [...svg.matchAll(/<circle class="point" cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
const lineY = (svg: string, kind: string) => Number(svg.match(new RegExp(`<line class="${kind}"[^>]* y1="([\\d.]+)"`))?.[1]);

describe('run chart', () => {
  it('is one self-contained SVG element', () => {
    const svg = runChart(attendance());
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg.match(/<svg/g)).toHaveLength(1);
    expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
    expect(svg).toContain('<title>Attendance (people) by cycle</title>');
  });

  it('references no external asset: no links, images, scripts, fonts or styles from elsewhere', () => {
    const svg = runChart(attendance());
    expect(svg).not.toMatch(/href|<image|<script|<style|@import|url\(|<foreignObject|\bon\w+=/i);
    expect(svg.match(/https?:\/\/[^"]+/g)).toEqual(['http://www.w3.org/2000/svg']);
  });

  it('draws one series: a point per cycle with a mean, in cycle order left to right, joined by one line', () => {
    const svg = runChart(attendance({ points: [{ cycleNumber: 3, mean: 19, n: 5 }, { cycleNumber: 1, mean: 14, n: 4 }, { cycleNumber: 2, mean: 16.5, n: 4 }] }));
    const points = circles(svg);
    expect(points).toHaveLength(3);
    expect(points.map((p) => p.x)).toEqual([...points.map((p) => p.x)].sort((a, b) => a - b));
    // a higher mean sits higher on the page (smaller y)
    expect(points[0].y).toBeGreaterThan(points[1].y);
    expect(points[1].y).toBeGreaterThan(points[2].y);
    expect(svg.match(/<polyline class="series"/g)).toHaveLength(1);
    expect(svg).toContain('<title>Cycle 2: 16.5 people (n=4)</title>');
  });

  it('labels every cycle on the axis and leaves a gap where a cycle has no measurement', () => {
    const svg = runChart(attendance({ cycleNumbers: [1, 2, 3, 4], points: [{ cycleNumber: 1, mean: 14, n: 4 }, { cycleNumber: 4, mean: 17, n: 3 }] }));
    for (const n of [1, 2, 3, 4]) expect(svg).toMatch(new RegExp(`text-anchor="middle" fill="#444444">${n}</text>`));
    expect(circles(svg)).toHaveLength(2);
  });

  it('draws the baseline below the target when the target is higher, each labelled with its value', () => {
    const svg = runChart(attendance());
    expect(lineY(svg, 'baseline')).toBeGreaterThan(lineY(svg, 'target'));
    expect(svg).toContain('>baseline 12</text>');
    expect(svg).toContain('>target 18</text>');
  });

  it('draws the median of the plotted means once there are two points, and no baseline or target line when they are unset', () => {
    const svg = runChart(attendance({ baseline: null, target: null }));
    expect(svg).not.toContain('class="baseline"');
    expect(svg).not.toContain('class="target"');
    expect(svg).toContain('>median 16.5</text>');
    const single = runChart(attendance({ points: [{ cycleNumber: 1, mean: 14, n: 4 }], cycleNumbers: [1] }));
    expect(single).not.toContain('class="median"');
    expect(single).not.toContain('<polyline');
    expect(circles(single)).toHaveLength(1);
  });

  it('draws an empty chart without failing when nothing was measured yet', () => {
    const svg = runChart(attendance({ points: [] }));
    expect(circles(svg)).toHaveLength(0);
    expect(svg).toContain('<desc>No measurements yet.</desc>');
  });

  it('keeps a fixed range such as 1–5 for a scale', () => {
    const svg = runChart(attendance({ unit: 'score (1–5)', range: { min: 1, max: 5 }, points: [{ cycleNumber: 1, mean: 3.2, n: 11 }], baseline: null, target: null }));
    expect(svg).toMatch(/text-anchor="end" fill="#444444">1<\/text>/);
    expect(svg).toMatch(/text-anchor="end" fill="#444444">5<\/text>/);
  });

  it('escapes the indicator name and unit wherever they appear', () => {
    const svg = runChart(attendance({ indicatorName: '<script>alert("x")</script> & co', unit: "people's <b>" }));
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co (people&#39;s &lt;b&gt;) by cycle');
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

  it('takes the median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('rounds an axis out to steps of 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceScale(12, 19)).toEqual({ min: 12, max: 20, step: 2 });
    expect(niceScale(0, 100)).toEqual({ min: 0, max: 100, step: 25 });
    expect(niceScale(7, 7)).toEqual({ min: 6, max: 8, step: 0.5 });
  });
});
