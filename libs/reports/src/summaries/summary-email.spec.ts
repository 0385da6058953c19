import { baselineMedian, chartSignals } from '@r2c/charts';
import { wrapText } from '@r2c/notify';
import { runChart } from './run-chart';
import { summaryEmailBody, summaryText } from './summary-email';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('the summary as an email', () => {
  const points = [
    { day: '2026-03-02', value: 3.2, n: 14 },
    { day: '2026-03-09', value: 3.6, n: 12 },
    { day: '2026-03-16', value: 4.1, n: 15 },
  ];
  const median = baselineMedian(points, null);
  const chart = runChart({
    indicatorName: 'Belonging <score>',
    unit: 'score (1–5)',
    chart: { points, median: median.median, basis: median.basis, markers: [], signals: chartSignals(points, median.median) },
    baseline: 3.2,
    target: 4,
  });
  const html =
    `<html><head><style>p { color: #222 }</style></head><body><h1>Cycle 3: Story circles</h1><figure>${chart}</figure>` +
    `<table><thead><tr><th>Indicator</th><th>n</th><th>Mean</th></tr></thead><tbody><tr><td>Belonging (score 1–5)</td><td>15</td><td>4.1</td></tr></tbody></table>` +
    `<p><a href="https://r2c.example.org/cycles/c1/summary">Read this summary online</a></p></body></html>`;

  it('swaps each SVG chart for a PNG shown by cid, with alt text that states the numbers', () => {
    const body = summaryEmailBody(html, 'c1.3');
    expect(body.html).not.toContain('<svg');
    expect(body.attachments).toHaveLength(1);
    const [image] = body.attachments;
    expect(image.contentType).toBe('image/png');
    expect(Buffer.from(image.contentBase64, 'base64').subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const img = body.html.match(/<img src="cid:([^"]+)" alt="([^"]+)"/)!;
    expect(img[1]).toBe(image.cid);
    expect(img[2]).toContain('Belonging &lt;score&gt; (score (1–5)) by day');
    expect(img[2]).toContain('16 March 4.1 (n=15)');
  });

  it('names a chart’s signal in the PNG’s alt text and the text part, and fills the signal’s points in the picture', () => {
    const days = [10, 12, 11, 13, 12, 11, 14, 15, 16, 15, 17, 16, 18].map((value, i) => ({ day: `2026-03-${String(2 + i).padStart(2, '0')}`, value, n: 1 }));
    const markers = [
      { label: 'A1', madeOn: '2026-03-03' },
      { label: 'A2', madeOn: '2026-03-07' },
    ];
    const shiftMedian = baselineMedian(days, '2026-03-08');
    const signals = chartSignals(days, shiftMedian.median, markers);
    const words = 'shift: 7 points above the median since 8 March, after adaptation A2';
    expect(signals.map((x) => x.words)).toEqual([words]);
    const svg = runChart({
      indicatorName: 'Attendance',
      unit: 'people',
      chart: { points: days, median: shiftMedian.median, basis: shiftMedian.basis, markers, signals },
      baseline: null,
      target: null,
    });
    expect(svg.match(/<circle class="point signal"/g)).toHaveLength(7);
    const body = summaryEmailBody(`<html><body><figure>${svg}</figure></body></html>`, 'c1.4');
    expect(body.attachments).toHaveLength(1);
    expect(Buffer.from(body.attachments[0].contentBase64, 'base64').subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(body.html.match(/<img src="cid:[^"]+" alt="([^"]+)"/)![1]).toContain(`Signals: ${words}.`);
    expect(body.text.replace(/\s+/g, ' ')).toContain(words);
  });

  it('writes a plain-text part without Markdown, tables as lines and links written out', () => {
    const text = summaryText(summaryEmailBody(html, 'c1.3').html);
    expect(text).toContain('- Belonging (score 1–5): n: 15, Mean: 4.1');
    expect(text).toContain('Read this summary online <https://r2c.example.org/cycles/c1/summary>');
    expect(text).toContain('Chart: Belonging <score> (score (1–5)) by day.');
    expect(text).not.toContain('cid:');
    expect(text).not.toMatch(/\\[()|*_]/);
    for (const line of text.split('\n')) expect(line.length <= 78 || !line.trim().includes(' ')).toBe(true);
  });

  it('wraps long lines at 78 characters and keeps a list item’s indent and whole links', () => {
    const link = `https://r2c.example.org/api/v1/unsubscribe?token=${'x'.repeat(90)}`;
    const wrapped = wrapText(`- ${'word '.repeat(30).trim()}\nUnsubscribe: ${link}`);
    const lines = wrapped.split('\n');
    expect(lines[0]).toMatch(/^- word/);
    expect(lines[1]).toMatch(/^ {2}word/);
    expect(lines).toContain(link);
    for (const line of lines) if (line !== link) expect(line.length).toBeLessThanOrEqual(78);
  });
});
