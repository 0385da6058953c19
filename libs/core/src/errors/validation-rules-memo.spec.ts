import { getMetadataStorage, IsInt, IsString, Length, validateSync } from 'class-validator';
import { rememberValidationRules } from './validation-rules-memo';

class Base {
  @IsString() name: unknown;
}

class Entry extends Base {
  @IsInt() count: unknown;
  @Length(1, 3, { groups: ['short'] }) code: unknown;
}

const problems = (value: object, groups?: string[]) =>
  validateSync(Object.assign(new Entry(), value), { groups, forbidUnknownValues: true })
    .map((error) => `${error.property}: ${Object.keys(error.constraints ?? {}).join(',')}`)
    .sort();

describe('rememberValidationRules', () => {
  const storage = getMetadataStorage();
  const before = {
    valid: problems({ name: 'Rosa', count: 3, code: 'ab' }),
    invalid: problems({ name: 4, count: 'three', code: 'abcdef' }),
    grouped: problems({ name: 4, count: 'three', code: 'abcdef' }, ['short']),
  };

  beforeAll(() => rememberValidationRules());

  it('validates as class-validator does without it: own rules, inherited rules and groups', () => {
    for (let n = 0; n < 3; n++) {
      expect(problems({ name: 'Rosa', count: 3, code: 'ab' })).toEqual(before.valid);
      expect(problems({ name: 4, count: 'three', code: 'abcdef' })).toEqual(before.invalid);
      expect(problems({ name: 4, count: 'three', code: 'abcdef' }, ['short'])).toEqual(before.grouped);
    }
    expect(before.invalid).toEqual(['code: isLength', 'count: isInt', 'name: isString']);
    expect(before.grouped).toEqual(['code: isLength']);
  });

  it('answers the same frozen list each time, and a different one for other groups', () => {
    const first = storage.getTargetValidationMetadatas(Entry, '', false, false);
    expect(storage.getTargetValidationMetadatas(Entry, '', false, false)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => (first as unknown[]).push({})).toThrow(TypeError);
    const short = storage.getTargetValidationMetadatas(Entry, '', false, false, ['short']);
    expect(short).not.toBe(first);
    expect(short.map((rule) => rule.propertyName)).toEqual(['code']);
    expect(storage.groupByPropertyName(first)).toBe(storage.groupByPropertyName(first));
  });

  it('groups a list it did not answer anew each time, as that list may change', () => {
    const list = [...storage.getTargetValidationMetadatas(Entry, '', false, false)];
    const grouped = storage.groupByPropertyName(list);
    expect(storage.groupByPropertyName(list)).not.toBe(grouped);
    expect(Object.keys(grouped).sort()).toEqual(['code', 'count', 'name']);
  });

  it('forgets its answers when a rule is added, so a rule added later is applied', () => {
    expect(problems({ name: 'Rosa', count: 3, code: 'ab', extra: 'x' })).toEqual(before.valid);
    IsString()(Entry.prototype, 'extra');
    expect(problems({ name: 'Rosa', count: 3, code: 'ab', extra: 5 })).toEqual(['extra: isString']);
  });

  it('is put in place once, however often it is called', () => {
    const answer = storage.getTargetValidationMetadatas(Entry, '', false, false);
    rememberValidationRules();
    rememberValidationRules();
    expect(storage.getTargetValidationMetadatas(Entry, '', false, false)).toBe(answer);
  });
});
