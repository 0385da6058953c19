/**
 * The starter trust survey: short statements rated 1–5, modelled on the social-cohesion outcomes the
 * coalition's libraries measure (trust in the library, belonging, feeling heard, bridging divides,
 * social connection) in the words of the coalition's own guides.
 */
import type { StarterItem } from '@r2c/contracts';

export type { StarterIndicator, StarterItem } from '@r2c/contracts';

export const STARTER_SURVEY_TITLE = 'How did this feel to you?';

const STARTER: StarterItem[] = [
  {
    key: 'trust_library',
    outcome: 'Trust in the library',
    text: 'I trust the library.',
    indicator: { templateKey: 'trust_in_library' },
  },
  {
    key: 'library_for_everyone',
    outcome: 'Trust in the library',
    text: 'The library is a place for everyone, whatever their views.',
    indicator: { templateKey: 'trust_in_library' },
  },
  {
    key: 'belong',
    outcome: 'Belonging',
    text: 'I feel welcome and that I belong here.',
    indicator: { templateKey: 'sense_of_belonging' },
  },
  {
    key: 'comfortable',
    outcome: 'Belonging',
    text: 'I felt comfortable and safe enough to take part.',
    indicator: { templateKey: 'comfortable_to_participate' },
  },
  {
    key: 'heard',
    outcome: 'Feeling heard',
    text: 'The library listens to people like me.',
    indicator: { templateKey: 'felt_heard' },
  },
  {
    key: 'bridging',
    outcome: 'Bridging across differences',
    text: 'I had a real conversation with someone whose background or views differ from mine.',
    indicator: {
      name: 'Bridging across differences',
      description:
        'Mean agreement with "I had a real conversation with someone whose background or views differ from mine": coming together across social and political divides.',
    },
  },
  {
    key: 'connected',
    outcome: 'Social connection',
    text: 'I feel more connected to people in my community.',
    indicator: {
      name: 'Connection to the community',
      description: 'Mean agreement with "I feel more connected to people in my community": social connection against loneliness and isolation.',
    },
  },
  {
    key: 'trust_neighbours',
    outcome: 'Trust in the community',
    text: 'Most people in my community can be trusted.',
    indicator: {
      name: 'Trust in the community',
      description: 'Mean agreement with "Most people in my community can be trusted": the social trust the coalition works to build.',
    },
  },
];

export const STARTER_ITEMS: readonly Readonly<StarterItem>[] = Object.freeze(STARTER.map((item) => Object.freeze(item)));
