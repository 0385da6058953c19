import type { Nudge } from '../../api/types';

/** What would make the cycle weak, as advice: the cycle can still move on (only the phase rules decide that). */
export function Nudges({ nudges, id, heading = 'To make this cycle stronger' }: { nudges: Nudge[]; id: string; heading?: string }) {
  if (!nudges.length) return null;
  return (
    <aside className="nudges" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{heading}</h3>
      <p className="hint">Advice only: none of this stops the cycle from moving on.</p>
      <ul>
        {nudges.map((n) => (
          <li key={n.code} data-nudge={n.code}>
            {n.message}
          </li>
        ))}
      </ul>
    </aside>
  );
}
