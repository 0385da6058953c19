import type { DigestFrequency, DigestPreferenceView, DigestSharing } from '@r2c/contracts';
import { get, put } from './client';
import type { Initiative } from './types';

export type { DigestFrequency, DigestSharing, DigestPreferenceView as DigestPreferences } from '@r2c/contracts';

/** What the sharing choice needs of an initiative. */
export type SharingInitiative = Pick<Initiative, 'id' | 'digestSharing'>;

export const digestChoices = {
  mine: () => get<DigestPreferenceView>('/api/v1/me/digest-preferences'),
  chooseMine: (frequency: DigestFrequency) => put<DigestPreferenceView>('/api/v1/me/digest-preferences', { frequency }),
  share: (initiativeId: string, digestSharing: DigestSharing) => put<Initiative>(`/api/v1/initiatives/${initiativeId}/digest-sharing`, { digestSharing }),
};
