import type { NotificationKind, ReviewEmailChoice } from '@r2c/contracts';
import { deliveryOf, kindOf, Member, recipientsOf } from './review-routing';
import type { EmailDelivery } from './notification.entity';

const members: Member[] = [
  { userId: 'lib-1', role: 'librarian' },
  { userId: 'lib-2', role: 'librarian' },
  { userId: 'coach-1', role: 'coach' },
  { userId: 'coach-2', role: 'coach' },
];

describe('recipientsOf', () => {
  it.each<[NotificationKind, string, string[]]>([
    ['review_requested', 'lib-1', ['coach-1', 'coach-2']],
    ['review_requested', 'admin', ['coach-1', 'coach-2']],
    ['changes_requested', 'coach-1', ['lib-1', 'lib-2']],
    ['approved', 'coach-2', ['lib-1', 'lib-2']],
    ['comment', 'coach-1', ['lib-1', 'lib-2', 'coach-2']],
    ['comment', 'lib-2', ['lib-1', 'coach-1', 'coach-2']],
  ])('%s by %s tells %j', (kind, actor, expected) => {
    expect(recipientsOf(kind, members, actor).map((m) => m.userId)).toEqual(expected);
  });
});

describe('kindOf', () => {
  it('names each verdict, and sending for review', () => {
    expect([kindOf(undefined), kindOf('request_changes'), kindOf('approve'), kindOf('comment')]).toEqual([
      'review_requested',
      'changes_requested',
      'approved',
      'comment',
    ]);
  });
});

describe('deliveryOf', () => {
  it.each<[NotificationKind, ReviewEmailChoice, EmailDelivery]>([
    ['review_requested', 'immediately', 'immediately'],
    ['review_requested', 'daily', 'daily'],
    ['review_requested', 'off', 'none'],
    ['comment', 'daily', 'daily'],
    ['changes_requested', 'off', 'none'],
    // the summary email carries an approval, whatever the choice
    ['approved', 'immediately', 'none'],
    ['approved', 'daily', 'none'],
  ])('%s for a person who chose %s: %s', (kind, choice, expected) => {
    expect(deliveryOf(kind, choice)).toBe(expected);
  });
});
