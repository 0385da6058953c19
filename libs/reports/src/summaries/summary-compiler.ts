import { Injectable } from '@nestjs/common';
import { fixedRange, medianLabel } from '@r2c/charts';
import Handlebars from 'handlebars';
import type { SummaryContent, SummaryFacts } from './summary-content';
import { summarise } from './summary-content';
import { HTML_TEMPLATE, MARKDOWN_TEMPLATE } from './summary-templates';
import { formatNumber, runChart } from './run-chart';

export interface CompiledSummary {
  json: SummaryContent;
  markdown: string;
  html: string;
}

/**
 * Makes user text literal in Markdown: backslash-escapes the punctuation that would start emphasis,
 * links, code, HTML or tables, and the line starts that would make a heading, list, quote or code block.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/^[ \t]+/gm, '')
    .replace(/[\\`*_{}[\]()#+!|<>~&]/g, '\\$&')
    .replace(/^([-=])/gm, '\\$1')
    .replace(/^(\d+)([.)])/gm, '$1\\$2');
}

const REVIEW_VERDICT_WORDS: Record<string, string> = { approve: 'Approved', request_changes: 'Changes requested', comment: 'Comment' };

const orDash = (value: unknown, show: (n: number) => string) => (typeof value === 'number' && Number.isFinite(value) ? show(value) : '—');

function helpers(): Record<string, Handlebars.HelperDelegate> {
  return {
    num: (value: unknown) => orDash(value, formatNumber),
    signed: (value: unknown) => orDash(value, (n) => (n > 0 ? `+${formatNumber(n)}` : formatNumber(n))),
    present: (value: unknown) => value !== null && value !== undefined,
    plural: (count: number, one: string, many: string) => (count === 1 ? one : many),
    words: (value: unknown) => (typeof value === 'string' ? value.charAt(0).toUpperCase() + value.slice(1).replace(/_/g, ' ') : '—'),
    date: (iso: unknown) => (typeof iso === 'string' ? iso.slice(0, 10) : '—'),
    verdict: (met: unknown) => (met === true ? 'Met' : met === false ? 'Not met' : 'Not measured yet'),
    eq: (a: unknown, b: unknown) => a === b,
    medianWords: (basis: unknown) => medianLabel(basis === 'baseline' ? 'baseline' : 'all'),
    reviewVerdict: (verdict: unknown) => REVIEW_VERDICT_WORDS[String(verdict)] ?? '—',
  };
}

/** Renders a summary's JSON, Markdown and HTML forms from the facts read for it; no I/O. */
@Injectable()
export class SummaryCompiler {
  private readonly markdown: Handlebars.TemplateDelegate;
  private readonly html: Handlebars.TemplateDelegate;

  constructor() {
    const markdown = Handlebars.create();
    markdown.registerHelper(helpers());
    markdown.registerHelper({
      // Each run of spaces read once, joined only if it breaks the line (`\s*\n\s*` retried from every space).
      md: (text: unknown) =>
        escapeMarkdown(
          String(text ?? '')
            .replace(/\s+/g, (space) => (space.includes('\n') ? ' ' : space))
            .trim(),
        ),
      mdBlock: (text: unknown) => escapeMarkdown(String(text ?? '').trim()),
      mdQuote: (text: unknown) =>
        escapeMarkdown(String(text ?? '').trim())
          .split('\n')
          .map((line) => `> ${line}`.trimEnd())
          .join('\n'),
    });
    this.markdown = markdown.compile(MARKDOWN_TEMPLATE, { noEscape: true, strict: false });

    const html = Handlebars.create();
    html.registerHelper(helpers());
    this.html = html.compile(HTML_TEMPLATE, { strict: false });
  }

  compile(facts: SummaryFacts): CompiledSummary {
    const json = summarise(facts);
    const indicators = json.indicators.map((indicator) => {
      const chart =
        indicator.chart === null
          ? null
          : runChart({
              indicatorName: indicator.name,
              unit: indicator.unit,
              chart: indicator.chart,
              baseline: indicator.baseline,
              target: indicator.target,
              range: fixedRange(indicator.kind),
              cycleSpans: json.cycleSpans,
              adaptations: json.chartMarkers,
            });
      // runChart escapes every label itself, so its SVG goes into the page as it is.
      return { ...indicator, svg: chart && new Handlebars.SafeString(chart) };
    });
    return {
      json,
      markdown: this.markdown(json).replace(/\n{3,}/g, '\n\n'),
      html: this.html({ ...json, indicators }),
    };
  }
}
