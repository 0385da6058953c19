import { escapeXml, formatNumber, runChart, RunChartInput } from './run-chart';

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
    const svg = runChart(
      attendance({
        points: [
          { cycleNumber: 3, mean: 19, n: 5 },
          { cycleNumber: 1, mean: 14, n: 4 },
          { cycleNumber: 2, mean: 16.5, n: 4 },
        ],
      }),
    );
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
    const svg = runChart(
      attendance({
        cycleNumbers: [1, 2, 3, 4],
        points: [
          { cycleNumber: 1, mean: 14, n: 4 },
          { cycleNumber: 4, mean: 17, n: 3 },
        ],
      }),
    );
    for (const n of [1, 2, 3, 4]) expect(svg).toMatch(new RegExp(`text-anchor="middle" fill="#444444">${n}</text>`));
    expect(circles(svg)).toHaveLength(2);
  });

  it('draws the baseline below the target when the target is higher, each labelled with its value', () => {
    const svg = runChart(attendance());
    expect(lineY(svg, 'baseline')).toBeGreaterThan(lineY(svg, 'target'));
    expect(svg).toContain('>baseline 12</text>');
    expect(svg).toContain('>target 18</text>');
  });

  it('draws the median of the plotted means from three points on, and no baseline or target line when they are unset', () => {
    const svg = runChart(attendance({ baseline: null, target: null }));
    expect(svg).not.toContain('class="baseline"');
    expect(svg).not.toContain('class="target"');
    expect(svg).toContain('>median 16.5</text>');
    const single = runChart(attendance({ points: [{ cycleNumber: 1, mean: 14, n: 4 }], cycleNumbers: [1] }));
    expect(single).not.toContain('class="median"');
    expect(single).not.toContain('<polyline');
    expect(circles(single)).toHaveLength(1);
  });

  it('never draws a trend line or a median from fewer than three points, and says so', () => {
    const two = runChart(
      attendance({
        points: [
          { cycleNumber: 1, mean: 14, n: 4 },
          { cycleNumber: 2, mean: 16.5, n: 4 },
        ],
      }),
    );
    expect(circles(two)).toHaveLength(2);
    expect(two).not.toContain('<polyline');
    expect(two).not.toContain('class="median"');
    expect(two).toContain('>fewer than 3 points: no trend line</text>');
    expect(two).toContain('Fewer than 3 points, so no trend line is drawn.</desc>');
    const three = runChart(attendance());
    expect(three).toContain('<polyline class="series"');
    expect(three).not.toContain('no trend line');
  });

  it('writes each cycle’s n beneath its point', () => {
    const svg = runChart(attendance({ cycleNumbers: [1, 2, 3, 4] }));
    expect([...svg.matchAll(/<text class="n"[^>]*>n=(\d+)<\/text>/g)].map((m) => Number(m[1]))).toEqual([4, 4, 5]);
  });

  describe('adaptation markers', () => {
    const spans = [
      { number: 1, plannedStart: '2026-03-02', plannedEnd: '2026-03-29' },
      { number: 2, plannedStart: '2026-03-30', plannedEnd: '2026-04-26' },
      { number: 3, plannedStart: '2026-04-27', plannedEnd: '2026-05-24' },
    ];
    const marked = runChart(
      attendance({
        cycleSpans: spans,
        adaptations: [
          { label: 'A1', cycleNumber: 2, madeOn: '2026-03-31', whatChanged: 'Moved story time to Saturday' },
          { label: 'A2', cycleNumber: 2, madeOn: '2026-04-24', whatChanged: 'Added a Dari-speaking greeter & <tea>' },
        ],
      }),
    );
    const markers = [...marked.matchAll(/<g class="adaptation" aria-label="([^"]+)"><title>[^<]+<\/title><line x1="([\d.]+)"/g)].map((m) => ({
      label: m[1],
      x: Number(m[2]),
    }));
    const pointX = circles(marked).map((p) => p.x);

    it('draws one vertical marker per adaptation, with an accessible label and a title', () => {
      expect(markers).toHaveLength(2);
      expect(markers[0].label).toBe('Adaptation A1 on 2026-03-31 (cycle 2): Moved story time to Saturday');
      expect(markers[1].label).toBe('Adaptation A2 on 2026-04-24 (cycle 2): Added a Dari-speaking greeter &amp; &lt;tea&gt;');
      expect(marked).toMatch(/<text [^>]*>A1<\/text><\/g>/);
      expect(marked).toContain('Adaptations: A1 on 2026-03-31 (cycle 2): Moved story time to Saturday; A2 on 2026-04-24');
    });

    it('places each marker at its date inside its own cycle: early left of the cycle’s point, late right of it', () => {
      expect(markers[0].x).toBeGreaterThan((pointX[0] + pointX[1]) / 2);
      expect(markers[0].x).toBeLessThan(pointX[1]);
      expect(markers[1].x).toBeGreaterThan(pointX[1]);
      expect(markers[1].x).toBeLessThan((pointX[1] + pointX[2]) / 2);
    });

    it('leaves out an adaptation of a cycle the chart does not show', () => {
      const svg = runChart(attendance({ adaptations: [{ label: 'A9', cycleNumber: 7, madeOn: '2026-09-01', whatChanged: 'Later' }] }));
      expect(svg).not.toContain('class="adaptation"');
    });
  });

  it('draws an empty chart without failing when nothing was measured yet', () => {
    const svg = runChart(attendance({ points: [] }));
    expect(circles(svg)).toHaveLength(0);
    expect(svg).toContain('<desc>No measurements yet.</desc>');
  });

  it('keeps a fixed range such as 1–5 for a scale', () => {
    const svg = runChart(
      attendance({ unit: 'score (1–5)', range: { min: 1, max: 5 }, points: [{ cycleNumber: 1, mean: 3.2, n: 11 }], baseline: null, target: null }),
    );
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
});
