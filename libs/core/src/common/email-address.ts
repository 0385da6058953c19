import { applyDecorators } from '@nestjs/common';
import { IsEmail, MaxLength } from 'class-validator';
import { TrimLowerCase } from './transforms';

/** An email address as people type it: trimmed, lower-cased, then checked (at most 320 characters). */
export const IsEmailAddress = () =>
  applyDecorators(TrimLowerCase(), IsEmail({}, { message: 'email must be an email address such as name@library.org' }), MaxLength(320));
