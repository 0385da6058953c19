import { get, put } from './client';
import type { Initiative } from './types';

export type DigestFrequency = 'weekly' | 'monthly' | 'none';
export type DigestSharing = 'everything' | 'closed_cycles' | 'nothing';

export interface DigestPreferences {
  frequency: DigestFrequency;
  /** Only subscribers, coaches and librarians with an active account are sent the digest. */
  receivesDigest: boolean;
  /** What "monthly" means, in the API's words. */
  monthlyRule: string;
}

/** The initiative view carries `digestSharing`; an answer without it means the default, everything. */
export type SharingInitiative = Pick<Initiative, 'id'> & { digestSharing?: DigestSharing };

export const digestChoices = {
  mine: () => get<DigestPreferences>('/api/v1/me/digest-preferences'),
  chooseMine: (frequency: DigestFrequency) => put<DigestPreferences>('/api/v1/me/digest-preferences', { frequency }),
  share: (initiativeId: string, digestSharing: DigestSharing) =>
    put<Initiative & { digestSharing: DigestSharing }>(`/api/v1/initiatives/${initiativeId}/digest-sharing`, { digestSharing }),
};
