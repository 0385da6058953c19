import type { DigestContent, Direction, IndicatorTrend } from '@r2c/contracts';

/** What a digest says, as stored in `digests.content` and answered by GET /digests/:id. */
export type { ClosedCycleNews, DigestContent, IndicatorTrend } from '@r2c/contracts';
export type { DigestEvidenceTally as EvidenceTally, DigestOverdueCheckIn as OverdueCheckIn } from '@r2c/contracts';

const KEY_INSIGHT_MAX = 280;

/**
 * Whether a period has anything to tell the coalition: a cycle closed, evidence logged or a check-in
 * held. Overdue check-ins alone are not news (they are named to coaches only, and the programme
 * screen lists them).
 */
export function hasNews(content: DigestContent): boolean {
  return content.closedCycles.length > 0 || content.evidence.length > 0 || (content.checkInsHeld ?? 0) > 0;
}

/** Who a copy is for: coaches get the one that names overdue check-ins; subscribers and librarians the coalition's. */
export type DigestAudience = 'coalition' | 'coaches';

/** The roles whose copy names overdue check-ins. */
export const NAMES_OVERDUE_TO: readonly string[] = ['coach', 'admin'];

export const audienceOf = (role: string): DigestAudience => (NAMES_OVERDUE_TO.includes(role) ? 'coaches' : 'coalition');

/** The first sentence of the reflection's insights, kept short enough for a digest line. */
export function keyInsight(insights: string | null | undefined): string | null {
  const text = (insights ?? '').replace(/\s+/g, ' ').trim();
  if (!text) return null;
  const first = text.match(/^.+?[.!?](?=\s|$)/)?.[0] ?? text;
  return first.length <= KEY_INSIGHT_MAX ? first : `${first.slice(0, KEY_INSIGHT_MAX - 1).trimEnd()}…`;
}

export function trendOf(mean: number, previousMean: number | null, direction: Direction): IndicatorTrend['trend'] {
  if (previousMean === null) return 'new';
  const change = mean - previousMean;
  if (Math.abs(change) < 1e-9) return 'unchanged';
  return change > 0 === (direction === 'increase') ? 'better' : 'worse';
}

/** Two decimals at most, as a number (means of scale scores read 4.27, not 4.266666…). */
export const rounded = (n: number): number => Math.round(n * 100) / 100;
