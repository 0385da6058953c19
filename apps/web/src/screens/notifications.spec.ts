import { describe, expect, it } from '@jest/globals';
import type { NotificationKind } from '../api/review-loop';
import type { Role } from '../api/types';
import { notificationLink } from './notifications';

const CYCLE = 'c0000000-0000-4000-8000-000000000001';

describe('where a notification leads', () => {
  it.each<[NotificationKind, Role, string]>([
    ['review_requested', 'coach', `/cycles/${CYCLE}/review`],
    ['review_requested', 'admin', `/cycles/${CYCLE}/review`],
    ['changes_requested', 'librarian', `/cycles/${CYCLE}`],
    ['approved', 'librarian', `/cycles/${CYCLE}/summary`],
    ['approved', 'coach', `/cycles/${CYCLE}/summary`],
    ['comment', 'librarian', `/cycles/${CYCLE}`],
    ['comment', 'coach', `/cycles/${CYCLE}/review`],
  ])('%s, for a %s: %s', (kind, role, path) => {
    expect(notificationLink({ kind, cycleId: CYCLE }, role)).toBe(path);
  });
});
