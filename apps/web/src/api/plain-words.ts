/**
 * The labels people see for the API's field names, and a rewrite of the words a refusal may still
 * carry from the API's validators ("plannedEnd must not be less than …"), so that no message on a
 * screen names a field as the code spells it.
 */
export const FIELD_LABELS: Record<string, string> = {
  audience: 'Who it is for',
  checkInCadenceDays: 'Days between check-ins',
  communityType: 'Community',
  csvFile: 'File',
  decidedBy: 'Decided by',
  digestFrequency: 'How often',
  expectedOutcome: 'Expected outcome',
  helpWanted: 'Help wanted',
  implementedOn: 'Date it was put in place',
  indicatorId: 'Indicator',
  indicatorIds: 'Indicators',
  initiativeId: 'Initiative',
  learningQuestion: 'Learning question',
  libraryId: 'Library',
  nextSteps: 'Next steps',
  observedOn: 'Observed on',
  participantsReached: 'Participants reached',
  periodEnd: 'Last day',
  periodStart: 'First day',
  plannedEnd: 'Planned end',
  plannedStart: 'Planned start',
  returnTo: 'Send it back to',
  sampleSize: 'People asked',
  sessionsHeld: 'Sessions held',
  shareLevel: 'What it shares',
  startDate: 'Start date',
  templateKey: 'Indicator',
  timezone: 'Time zone',
  userId: 'Person',
};

const CAMEL_CASE = /\b[a-z]+(?:[A-Z][a-z0-9]*)+\b/g;

/** The label of a field, from the map or, failing that, its name in words ("sessionsHeld" → "Sessions held"). */
export function labelOf(field: string): string {
  const last = field.split('.').pop() ?? field;
  if (FIELD_LABELS[last]) return FIELD_LABELS[last];
  const words = last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The validators' stock sentences, said as a person would. */
const STOCK: [RegExp, (label: string, n: string) => string][] = [
  [/\b([a-z][\w.]*) must be longer than or equal to 1 characters?/g, (label) => `${label} is needed`],
  [/\b([a-z][\w.]*) should not be empty/g, (label) => `${label} is needed`],
  [/\b([a-z][\w.]*) must be shorter than or equal to (\d+) characters?/g, (label, n) => `${label} can be at most ${n} characters long`],
  [/\b([a-z][\w.]*) must be longer than or equal to (\d+) characters?/g, (label, n) => `${label} needs at least ${n} characters`],
  [/\b([a-z][\w.]*) must not be greater than (\d+)/g, (label, n) => `${label} can be at most ${n}`],
  [/\b([a-z][\w.]*) must not be less than (\d+)/g, (label, n) => `${label} must be at least ${n}`],
  [/\b([a-z][\w.]*) must be an integer number/g, (label) => `${label} must be a whole number`],
  [/\b([a-z][\w.]*) must be a string/g, (label) => `${label} must be text`],
];

/** A refusal's words with every field named by its label. */
export function plainWords(text: string): string {
  let words = text;
  for (const [pattern, say] of STOCK) words = words.replace(pattern, (_match, field: string, n: string | undefined) => say(labelOf(field), n ?? ''));
  return words.replace(CAMEL_CASE, (word, offset: number) => {
    const label = labelOf(word);
    return offset === 0 ? label : label.charAt(0).toLowerCase() + label.slice(1);
  });
}
