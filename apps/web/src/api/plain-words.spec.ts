import { describe, expect, it } from '@jest/globals';
import { labelOf, plainWords } from './plain-words';

describe('plainWords: refusals name fields by their labels', () => {
  it.each([
    ['name must be longer than or equal to 1 characters', 'Name is needed'],
    ['checkInCadenceDays must not be greater than 90', 'Days between check-ins can be at most 90'],
    ['plannedEnd must be on or after plannedStart', 'Planned end must be on or after planned start'],
    ['title must be shorter than or equal to 200 characters; summary should not be empty', 'Title can be at most 200 characters long; Summary is needed'],
    ['decidedBy contains a phone number', 'Decided by contains a phone number'],
    ['Cannot move to evidence: the adaptation has no implementation date.', 'Cannot move to evidence: the adaptation has no implementation date.'],
  ])('%s', (raw: string, plain: string) => {
    expect(plainWords(raw)).toBe(plain);
    expect(plainWords(raw)).not.toMatch(/\b[a-z]+[A-Z]/);
  });

  it('falls back to the field name in words', () => {
    expect(labelOf('adaptation.sessionsHeld')).toBe('Sessions held');
    expect(labelOf('gatheringNotes')).toBe('Gathering notes');
  });
});
