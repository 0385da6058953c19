type Plain = Record<string, unknown>;

function comparable(value: unknown): string {
  return JSON.stringify(value instanceof Date ? value.toISOString() : (value ?? null));
}

/** Only the fields that changed, before and after; used by the audit log. */
export function changedFields(before: Plain | null, after: Plain | null): { before: Plain | null; after: Plain | null } {
  if (!before || !after) return { before, after };
  const b: Plain = {};
  const a: Plain = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (comparable(before[key]) !== comparable(after[key])) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a };
}
