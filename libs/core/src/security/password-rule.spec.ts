import { MAX_PASSWORD_LENGTH, passwordProblem } from './password-rule';

describe('passwordProblem', () => {
  it.each(['correct-horse-battery', 'admin-password-1', 'lantern-orchard-velvet-42'])('accepts %s', (password) => {
    expect(passwordProblem(password)).toBeNull();
  });

  it('refuses ten of one letter, saying what to do in zxcvbn’s words', () => {
    expect(passwordProblem('aaaaaaaaaa')).toBe(
      'is too easy to guess. Choose a longer password or one that is harder to guess: Repeated characters like "aaa" are easy to guess. Add more words that are less common. Avoid repeated words and characters.',
    );
  });

  it.each([
    ['short', 'must be at least 10 characters long'],
    ['x'.repeat(MAX_PASSWORD_LENGTH + 1), 'must be at most 200 characters long'],
    [12345678901, 'must be text'],
    ['password123', expect.stringMatching(/^is too easy to guess/)],
  ])('refuses %s', (password, problem) => {
    expect(passwordProblem(password)).toEqual(problem);
  });

  it('counts the account’s own words as easy to guess', () => {
    expect(passwordProblem('riverbendmaria1')).toBeNull();
    expect(passwordProblem('riverbendmaria1', ['maria.lopez@riverbend.lib.us', 'Maria Lopez'])).toMatch(/^is too easy to guess/);
  });
});
