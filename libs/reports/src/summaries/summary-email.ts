import { Resvg } from '@resvg/resvg-js';
import { convert } from 'html-to-text';
import type { FormatCallback } from 'html-to-text';
import type { MailAttachment } from '@r2c/notify';
import { wrapText } from '@r2c/notify';

/** The summary as an email: run charts as inline PNGs, and a plain-text part rendered from the same HTML. */
export interface SummaryEmailBody {
  html: string;
  text: string;
  attachments: MailAttachment[];
}

/** Charts are drawn at twice their size, so they stay sharp on high-density screens. */
const PIXEL_RATIO = 2;

const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) => require.resolve(`dejavu-fonts-ttf/ttf/${file}`));

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };
const unescapeXml = (text: string) => text.replace(/&(amp|lt|gt|quot|apos|#39);/g, (_, name: string) => XML_ENTITIES[name]);
const escapeAttribute = (text: string) => text.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);

/** A chart's SVG as PNG bytes, with the DejaVu font shipped in npm so the result does not depend on the machine's fonts. */
export function chartPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: PIXEL_RATIO },
    background: '#ffffff',
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans', serifFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

/** What a chart says, for its alt text: its title and the numbers of its description. */
export function chartWords(svg: string): string {
  const first = (tag: string) => svg.match(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`))?.[1];
  return [first('title'), first('desc')]
    .filter((part): part is string => !!part)
    .map((part) => unescapeXml(part).trim())
    .join('. ');
}

/**
 * Mail clients (Gmail, Outlook) show no inline SVG: each chart becomes a PNG the HTML shows by `cid:`,
 * its alt text stating the numbers; the web page keeps the SVG.
 */
export function summaryEmailBody(html: string, key: string): SummaryEmailBody {
  const attachments: MailAttachment[] = [];
  const withImages = html.replace(/<svg\b[^>]*>[\s\S]*?<\/svg>/g, (svg) => {
    const n = attachments.length + 1;
    const cid = `chart-${n}.${key}@r2c`;
    const width = Number(svg.match(/^<svg\b[^>]*\bwidth="(\d+(?:\.\d+)?)"/)?.[1] ?? 560);
    attachments.push({ cid, filename: `chart-${n}.png`, contentType: 'image/png', contentBase64: chartPng(svg).toString('base64') });
    return (
      `<img src="cid:${cid}" alt="${escapeAttribute(chartWords(svg))}" width="${width}" ` +
      `style="display:block;width:100%;max-width:${width}px;height:auto;border:0">`
    );
  });
  // A wide table scrolls inside its own box on a phone (375 px) instead of widening the whole email.
  const narrowSafe = withImages.replace(/<table\b[\s\S]*?<\/table>/g, (table) => `<div style="overflow-x:auto;max-width:100%">${table}</div>`);
  return { html: narrowSafe, text: summaryText(narrowSafe), attachments };
}

/** Plain text for the text part: headings, lists, each table row as one line naming its columns, links written out, wrapped at 78 characters. */
export function summaryText(html: string): string {
  const text = convert(html, {
    wordwrap: false,
    formatters: { tableAsLines, imageAsWords },
    selectors: [
      { selector: 'title', format: 'skip' },
      { selector: 'img', format: 'imageAsWords' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true, linkBrackets: ['<', '>'] } },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'ul', options: { itemPrefix: '- ' } },
      { selector: 'table', format: 'tableAsLines' },
      { selector: 'dt', format: 'inline' },
      { selector: 'dd', format: 'block', options: { leadingLineBreaks: 0 } },
    ],
  });
  return wrapText(text.replace(/\n{3,}/g, '\n\n').trim()) + '\n';
}

/** An image by what it shows: a chart's alt text states its numbers. */
const imageAsWords: FormatCallback = (elem, _walk, builder) => {
  const alt = (elem as unknown as { attribs?: Record<string, string> }).attribs?.alt;
  if (!alt) return;
  builder.openBlock({ leadingLineBreaks: 1 });
  builder.addInline(`Chart: ${alt}`);
  builder.closeBlock({ trailingLineBreaks: 1 });
};

interface Node {
  type: string;
  name?: string;
  data?: string;
  children?: Node[];
}

const textOf = (node: Node): string => (node.type === 'text' ? (node.data ?? '') : (node.children ?? []).map(textOf).join(''));
const clean = (text: string) => text.replace(/\s+/g, ' ').trim();
const all = (node: Node, name: string): Node[] => (node.children ?? []).flatMap((child) => (child.name === name ? [child] : all(child, name)));

/** A table as a caption line and one line per row: `- first cell: column: value, column: value`. */
const tableAsLines: FormatCallback = (elem, _walk, builder) => {
  const table = elem as unknown as Node;
  const caption = all(table, 'caption').map((c) => clean(textOf(c)))[0];
  const rows = all(table, 'tr').map((row) => (row.children ?? []).filter((c) => c.name === 'td' || c.name === 'th').map((c) => clean(textOf(c))));
  const headed = all(table, 'thead').length > 0;
  const [columns, body] = headed ? [rows[0], rows.slice(1)] : [[], rows];
  builder.openBlock({ leadingLineBreaks: 2 });
  if (caption) {
    builder.addLiteral(caption);
    builder.addLineBreak();
  }
  for (const row of body) {
    const rest = row.slice(1).map((value, i) => (columns[i + 1] ? `${columns[i + 1]}: ${value}` : value));
    builder.addLiteral(`- ${row[0]}${rest.length ? `: ${rest.join(', ')}` : ''}`);
    builder.addLineBreak();
  }
  builder.closeBlock({ trailingLineBreaks: 2 });
};
