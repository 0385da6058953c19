import { DIRECTIONS, INDICATOR_KINDS } from './cycle-types';
import { INDICATOR_TEMPLATES, findTemplate } from './indicator-templates';

describe('indicator templates', () => {
  it('ships at least the seven trust-building indicators of the product', () => {
    expect(INDICATOR_TEMPLATES.length).toBeGreaterThanOrEqual(7);
    expect(INDICATOR_TEMPLATES.map((t) => t.key)).toEqual(
      expect.arrayContaining([
        'attendance',
        'repeat_attendance',
        'new_participants',
        'trust_in_library',
        'sense_of_belonging',
        'partner_organisations',
        'cross_group_conversations',
      ]),
    );
  });

  it('has unique keys', () => {
    const keys = INDICATOR_TEMPLATES.map((t) => t.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(INDICATOR_TEMPLATES.map((t) => [t.key, t] as const))('%s is complete and uses known kinds', (key, template) => {
    expect(key).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(INDICATOR_KINDS).toContain(template.kind);
    expect(DIRECTIONS).toContain(template.direction);
    for (const text of [template.name, template.unit, template.description]) expect(text.trim()).not.toBe('');
  });

  it.each([
    ['attendance', 'count'],
    ['repeat_attendance', 'count'],
    ['new_participants', 'count'],
    ['trust_in_library', 'scale_1_5'],
    ['sense_of_belonging', 'scale_1_5'],
    ['partner_organisations', 'count'],
    ['cross_group_conversations', 'count'],
  ])('%s is measured as %s', (key, kind) => {
    expect(findTemplate(key)?.kind).toBe(kind);
  });

  it('names the trust scale in the words participants answer', () => {
    expect(findTemplate('trust_in_library')?.name).toBe('I trust the library');
  });

  it('finds nothing for an unknown key', () => {
    expect(findTemplate('likes')).toBeUndefined();
  });

  it('cannot be changed by a caller', () => {
    const attendance = findTemplate('attendance')!;
    expect(() => ((attendance as { name: string }).name = 'Changed')).toThrow(TypeError);
    expect(Object.isFrozen(INDICATOR_TEMPLATES)).toBe(true);
  });
});
