import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem } from './problem.filter';

/** Deeper than any DTO goes; the validators recurse, and hostile nesting would exhaust the stack (a 500). */
const MAX_DEPTH = 32;
/**
 * Names every object inherits (`__proto__`, `constructor`, `valueOf`, …). No DTO lists them, yet Nest
 * strips `__proto__` silently and class-validator's whitelist lets the others through; refuse them all.
 */
const PROTOTYPE_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);
/** A lone surrogate makes validator.js throw (a 500) and is no text anyone typed; PostgreSQL cannot store NUL. */
const BROKEN_TEXT = /[\p{Cs}\u0000]/u;

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    // One message may stand for several checks (a range says "whole number from … to …" for each): say it once.
    const own: FieldProblem[] = error.constraints ? [{ field, problems: [...new Set(Object.values(error.constraints))] }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** The first prototype key, too-deep value or broken text in a parsed body, query or parameter, found without recursion. */
function shapeProblem(input: unknown, name: string): FieldProblem | null {
  const pending: { value: unknown; field: string; depth: number }[] = [{ value: input, field: '', depth: 0 }];
  while (pending.length) {
    const { value, field, depth } = pending.pop()!;
    if (typeof value === 'string' && BROKEN_TEXT.test(value)) {
      return { field: field || name, problems: [`${field || name} must be valid Unicode text without NUL characters`] };
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH) {
      const top = field.split('.')[0];
      return { field: top, problems: [`${top} is nested more than ${MAX_DEPTH} levels deep`] };
    }
    for (const key of Object.keys(value)) {
      const path = field ? `${field}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key)) return { field: path, problems: [`property ${key} should not exist`] };
      pending.push({ value: (value as Record<string, unknown>)[key], field: path, depth: depth + 1 });
    }
  }
  return null;
}

class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Only what the client sent: body, query and route parameters (not @CurrentUser() and the like).
    const problem = metadata.type === 'custom' ? null : shapeProblem(value, metadata.data ?? metadata.type);
    if (problem) throw new BadRequestException({ message: problem.problems.join(', '), details: [problem] });
    return super.transform(value, metadata);
  }
}

export function validationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const message = details.map((d) => d.problems.join(', ')).join('; ') || 'The request is not valid.';
      return new BadRequestException({ message, details });
    },
  });
}
