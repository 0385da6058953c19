import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { findPersonalContact, personalContactReason } from './personal-contact';

/**
 * Refuses free text holding an email address or a phone number (400, saying why). Put it on every
 * text field a person fills in about the programme and its participants; non-strings are left to the
 * field's other rules.
 */
export function NoPersonalContact(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'noPersonalContact',
      target: object.constructor,
      propertyName,
      options: {
        message: (args: ValidationArguments) => personalContactReason(args.property, findPersonalContact(String(args.value)) ?? 'phone number'),
        ...options,
      },
      validator: { validate: (value: unknown) => typeof value !== 'string' || findPersonalContact(value) === null },
    });
}
