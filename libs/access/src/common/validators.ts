import { registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';
import { DateTime } from 'luxon';
import { isTimeZone } from '@r2c/core';

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
