import type { Role } from '../../../api/types';

const POWERS: Record<Role, string> = {
  admin:
    'Programme staff have every power: they see and change every initiative, cycle and account, invite and import people, change roles and send the digest.',
  coach: 'A coach reviews the cycles of the initiatives they are made coach of, and nothing else.',
  librarian: 'A librarian plans and records the cycles of the initiatives they are made librarian of, and nothing else.',
  subscriber: 'A subscriber only reads the digest and the summaries the initiatives share.',
};

/** "programme staff", "a librarian": a role as the end of a sentence says it. */
export const roleName = (role: Role) => (role === 'admin' ? 'programme staff' : `a ${role}`);

/**
 * What a role change does, in the order it matters: what the person loses (an account holds
 * memberships only in its own role, so a librarian or coach leaves every initiative), what the new
 * role may do, and that they are signed out.
 */
export function roleChangeWords(name: string, from: Role, to: Role): string[] {
  const words: string[] = [];
  if (from === 'librarian' || from === 'coach')
    words.push(
      `${name} will leave every initiative they are part of as ${roleName(from)}: ${roleName(to)} cannot be ${roleName(from)} of an initiative. To work in one again, they must be added to it anew.`,
    );
  if (from === 'admin') words.push(`${name} will lose the powers of programme staff, and no longer see initiatives they do not belong to.`);
  words.push(POWERS[to]);
  words.push(`${name} is signed out everywhere at once and signs in again with the same password.`);
  return words;
}
