import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

export const MIN_PASSWORD_LENGTH = 10;
/** zxcvbn's time grows with the length; nobody types more than this. */
export const MAX_PASSWORD_LENGTH = 200;
/** zxcvbn's 0–4 scale: 3 is "safely unguessable" against an online attack that is throttled. */
export const MIN_PASSWORD_SCORE = 3;
/** The rule in words, for the API documentation of every password field. */
export const PASSWORD_RULE = `At least ${MIN_PASSWORD_LENGTH} characters and hard to guess (a zxcvbn score of 3 or more).`;

let checker: ZxcvbnFactory | undefined;
const strength = () => (checker ??= passwordChecker());

/** zxcvbn with its dictionaries, loaded when a password is first checked: they are a tenth of the API's heap, and most requests never set one. */
function passwordChecker(): ZxcvbnFactory {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { ZxcvbnFactory: Factory } = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
  const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  const english = require('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return new Factory({ translations: english.translations, graphs: common.adjacencyGraphs, dictionary: { ...common.dictionary, ...english.dictionary } });
}

/**
 * Why a password may not be used, written to follow the name the person knows the field by
 * ("password", "ADMIN_PASSWORD", "--password"); null when it may. `related` are words of the account
 * (email, name) that make a password easy to guess for whoever knows the person.
 */
export function passwordProblem(password: unknown, related: string[] = []): string | null {
  if (typeof password !== 'string') return 'must be text';
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters long`;
  if (password.length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters long`;
  const words = related.flatMap((text) => [text, ...text.toLowerCase().split(/[^\p{L}\p{N}]+/u)]).filter((word) => word.length >= 3);
  const { score, feedback } = strength().check(password, words);
  if (score >= MIN_PASSWORD_SCORE) return null;
  const advice = [feedback.warning, ...feedback.suggestions].filter(Boolean).join(' ') || 'four or five unrelated words make a strong one.';
  return `is too easy to guess. Choose a longer password or one that is harder to guess: ${advice}`;
}
