import { registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';
import { DateTime } from 'luxon';
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

/** A real calendar date written YYYY-MM-DD (rejects 2026-02-30). */
export function IsCalendarDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date written YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid },
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
