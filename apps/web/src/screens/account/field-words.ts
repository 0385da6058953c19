import { ApiError } from '../../api/client';

/**
 * The API names a field as its code does (`newPassword must be …`); beside the field the problem is
 * told in the words of the field's label (`New password must be …`).
 */
export function problemsInWords(error: unknown, field: string, label: string): string[] | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const problems = error.problemsFor(field).map((problem) => (problem.startsWith(`${field} `) ? `${label}${problem.slice(field.length)}` : problem));
  return problems.length ? problems : undefined;
}
