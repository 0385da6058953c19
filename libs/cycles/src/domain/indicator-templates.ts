import type { IndicatorTemplate } from '@r2c/contracts';

export type { IndicatorTemplate } from '@r2c/contracts';

const SCORE_UNIT = 'score (1–5)';

const TEMPLATES: IndicatorTemplate[] = [
  {
    key: 'attendance',
    name: 'Attendance',
    unit: 'people',
    kind: 'count',
    direction: 'increase',
    description: 'People who took part in the sessions of this cycle, from the sign-in sheet or a head count.',
  },
  {
    key: 'repeat_attendance',
    name: 'Repeat attendance',
    unit: 'people',
    kind: 'count',
    direction: 'increase',
    description: 'Participants who had come to an earlier session and came back: a sign that the gathering was worth returning to.',
  },
  {
    key: 'new_participants',
    name: 'New participants',
    unit: 'people',
    kind: 'count',
    direction: 'increase',
    description: 'Participants attending for the first time, showing whether the invitation reaches beyond the usual audience.',
  },
  {
    key: 'trust_in_library',
    name: 'I trust the library',
    unit: SCORE_UNIT,
    kind: 'scale_1_5',
    direction: 'increase',
    description: 'Mean agreement with "I trust the library" (1 = strongly disagree, 5 = strongly agree), from a short participant survey.',
  },
  {
    key: 'sense_of_belonging',
    name: 'Sense of belonging',
    unit: SCORE_UNIT,
    kind: 'scale_1_5',
    direction: 'increase',
    description: 'Mean agreement with "I feel welcome and that I belong here" (1 = strongly disagree, 5 = strongly agree).',
  },
  {
    key: 'partner_organisations',
    name: 'Partner organisations engaged',
    unit: 'organisations',
    kind: 'count',
    direction: 'increase',
    description:
      'Community organisations (schools, nonprofits, businesses, cultural and tribal institutions) that co-hosted, promoted or referred people this cycle.',
  },
  {
    key: 'cross_group_conversations',
    name: 'Cross-group conversations',
    unit: 'conversations',
    kind: 'count',
    direction: 'increase',
    description: 'Conversations observed between people from different groups (age, background, views) during the gathering.',
  },
  {
    key: 'felt_heard',
    name: 'The library listens to people like me',
    unit: SCORE_UNIT,
    kind: 'scale_1_5',
    direction: 'increase',
    description: 'Mean agreement with "The library listens to people like me": whether communication with the library feels open both ways.',
  },
  {
    key: 'comfortable_to_participate',
    name: 'Felt comfortable taking part',
    unit: SCORE_UNIT,
    kind: 'scale_1_5',
    direction: 'increase',
    description: 'Mean agreement with "I felt comfortable and safe enough to take part", asked at the closing of the gathering.',
  },
  {
    key: 'met_someone_new',
    name: 'Met someone new',
    unit: '% of participants',
    kind: 'percent',
    direction: 'increase',
    description: 'Share of participants who say they talked with someone they had not met before: social connection against isolation.',
  },
];

export const INDICATOR_TEMPLATES: readonly Readonly<IndicatorTemplate>[] = Object.freeze(TEMPLATES.map((t) => Object.freeze(t)));

export function findTemplate(key: string): Readonly<IndicatorTemplate> | undefined {
  return INDICATOR_TEMPLATES.find((template) => template.key === key);
}
