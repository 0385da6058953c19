import { DEFAULT_SCALE_LABELS, readAnswer } from './answers';
import { previewColumns } from './forms-csv';
import { looksLikeEmail, privacyFlag } from './privacy';
import { normalisedWording } from './wording';

/** The backtracking versions took 9 s to minutes on these inputs; a bound this wide only fails on them, never on a busy machine. */
const LINEAR_BOUND_MS = 3000;

/**
 * Every pattern the import applies to a file's text, fed the 200,000-character shapes that made the
 * old ones backtrack (seconds to minutes each). They must answer as before, in linear time.
 */
const N = 200_000;
const ITEMS = [{ id: 'trust', text: 'I trust the library.' }];
const bracketMatch = (header: string) => previewColumns({ headers: [header], rows: [] }, ITEMS)[0].match;

const CASES: [string, () => unknown, unknown][] = [
  ['wording: a run of dots that does not end the text', () => normalisedWording(`Q${'.'.repeat(N)}x`), `q${'.'.repeat(N)}x`],
  ['wording: closing punctuation and spaces, many times over', () => normalisedWording(`I trust the library${' .?!'.repeat(N / 4)}`), 'i trust the library'],
  ['wording: a run of punctuation before a letter', () => normalisedWording(`${'?!: '.repeat(N / 4)}x`).length, N + 1],
  ['email in an answer: a run of dots', () => looksLikeEmail('.'.repeat(N)), false],
  ['email in an answer: a run of letters and no @', () => looksLikeEmail('a'.repeat(N)), false],
  ['email in an answer: @ then dotted letters with no top-level domain', () => looksLikeEmail(`a@${'a.'.repeat(N / 2)}1`), false],
  ['email in an answer: many @', () => looksLikeEmail('a@'.repeat(N / 2)), false],
  ['email in an answer: a real address after a long run', () => looksLikeEmail(`${'x'.repeat(N)}@example.org`), true],
  ['email in an answer: a real address after many dots', () => looksLikeEmail(`${'.'.repeat(N)} ana@example.org`), true],
  ['privacy of a column of dots', () => privacyFlag('Comments', ['.'.repeat(N), `a@${'.'.repeat(N)}`]), null],
  ['grid row in brackets: a run of opening brackets', () => bracketMatch('['.repeat(N)), null],
  [
    'grid row in brackets: opening brackets before the real one',
    () => bracketMatch(`${'['.repeat(N)}] How much do you agree? [I trust the library.]`),
    'bracketed',
  ],
  ['grid row in brackets: spaces after a closed bracket, then text', () => bracketMatch(`[I trust the library.]${' '.repeat(N)}x`), 'contains'],
  ['grid row in brackets: spaces after the real one', () => bracketMatch(`How much? [I trust the library.]${' '.repeat(N)}`), 'bracketed'],
  ['answer: a number, a run of spaces and no words', () => 'problem' in (readAnswer(`4${' '.repeat(N)}!`, DEFAULT_SCALE_LABELS) ?? {}), true],
  [
    'answer: a number, spaces, a dash, spaces and no words',
    () => 'problem' in (readAnswer(`4${' '.repeat(N / 2)}-${' '.repeat(N / 2)}!`, DEFAULT_SCALE_LABELS) ?? {}),
    true,
  ],
  ['answer: a number, a run of spaces, then its label', () => readAnswer(`4${' '.repeat(N)}Agree`, DEFAULT_SCALE_LABELS), { value: 4 }],
  ['answer: a run of dots', () => 'problem' in (readAnswer(`${'.'.repeat(N)}x`, DEFAULT_SCALE_LABELS) ?? {}), true],
];

describe('the import reads pathological text in linear time', () => {
  it.each(CASES)('%s', (_name, run, expected) => {
    const started = Date.now();
    expect(run()).toEqual(expected);
    expect(Date.now() - started).toBeLessThan(LINEAR_BOUND_MS);
  });
});
