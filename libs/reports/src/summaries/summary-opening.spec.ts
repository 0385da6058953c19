import { summaryText } from './summary-email';
import { openedHtml } from './summary-opening';

const opening = {
  coachName: 'Maria Lopez',
  note: 'Great work with the school <b>really</b>',
  at: '2026-03-20T15:00:00.000Z',
  initiativeTitle: 'Welcome Wednesdays',
  link: 'https://r2c.example.org/cycles/c-1/summary',
};

describe('the opening of an approved cycle’s summary email', () => {
  it('comes first in the text part too, which is rendered from the opened HTML', () => {
    const text = summaryText(openedHtml(opening, '<html><body><h1>Cycle 2: Saturday welcome</h1><p>The rest.</p></body></html>'));
    expect(text.startsWith('Maria Lopez approved this cycle on 2026-03-20, and it is closed.')).toBe(true);
    expect(text).toContain('Their note: “Great work with the school <b>really</b>”');
    expect(text).toContain('Read the summary in R2C Tracker <https://r2c.example.org/cycles/c-1/summary>');
    expect(text.trimEnd().endsWith('Cycle 2: Saturday welcome\n\nThe rest.')).toBe(true);
  });

  it('puts it first in the HTML body, the note escaped, the page otherwise unchanged', () => {
    const page = '<!DOCTYPE html>\n<html><head><title>x</title></head>\n<body>\n<header>Cycle 2</header>\n</body></html>';
    const html = openedHtml(opening, page);
    expect(html.indexOf('approved this cycle')).toBeGreaterThan(html.indexOf('<body>'));
    expect(html.indexOf('approved this cycle')).toBeLessThan(html.indexOf('<header>'));
    expect(html).toContain('Great work with the school &lt;b&gt;really&lt;/b&gt;');
    expect(html.replace(/<div style[\s\S]*?<\/div>\n/, '')).toBe(page);
  });

  it('leaves out "Their note" when the coach wrote none', () => {
    expect(openedHtml({ ...opening, note: '  ' }, '<body></body>')).not.toContain('Their note');
  });
});
