import { ApiError } from '../../api/client';

/** A link whose code was cut short or changed on the way (the API's shape check names the field `token`). */
const MANGLED = 'The code in this link is incomplete or changed: open the link from the email again, or copy the whole address into the browser.';

/** The API's reason when the refusal is about the link itself (used, replaced, revoked, expired or not valid); null otherwise. */
export function linkRefusal(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  const problems = error.problemsFor('token');
  if (!problems.length) return null;
  return problems.some((problem) => problem.startsWith('token ')) ? MANGLED : error.message;
}
