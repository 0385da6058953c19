import { ApiError } from '../../api/client';

/** The API's reason when the refusal is about the link itself (used, replaced, revoked, expired or not valid); null otherwise. */
export function linkRefusal(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  return error.problemsFor('token').length ? error.message : null;
}
