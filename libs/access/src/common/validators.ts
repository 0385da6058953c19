import { registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';
import { isTimeZone, passwordProblem } from '@r2c/core';

export function IsTimeZone(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimeZone',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be an IANA time zone such as America/Chicago or Pacific/Honolulu`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isTimeZone(value) },
    });
}

/**
 * A field a change may leave out. Unlike @IsOptional, null is validated (and so refused): it would
 * otherwise reach a required column and fail there as a 500.
 */
export const IsOmittable = () => ValidateIf((_object, value) => value !== undefined);

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether the text is a real calendar date written YYYY-MM-DD (2028-02-29 is, 2026-02-30 is not). Checked on every evidence entry, so without building a date. */
export function isCalendarDate(text: string): boolean {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!parts) return false;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

/** A real calendar date written YYYY-MM-DD (rejects 2026-02-30). */
export function IsCalendarDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date written YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value) },
    });
}

/**
 * A password anyone may set: long enough and hard to guess (`passwordProblem`). The account's email
 * and name, when the same body carries them, count as easy to guess.
 */
export function IsAcceptablePassword(options?: ValidationOptions) {
  const problemOf = (value: unknown, object: object) => {
    const { email, name } = object as { email?: unknown; name?: unknown };
    return passwordProblem(
      value,
      [email, name].filter((word): word is string => typeof word === 'string'),
    );
  };
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isAcceptablePassword',
      target: object.constructor,
      propertyName,
      options: { message: (args) => `${propertyName} ${problemOf(args.value, args.object)}`, ...options },
      validator: { validate: (value: unknown, args) => problemOf(value, args!.object) === null },
    });
}
