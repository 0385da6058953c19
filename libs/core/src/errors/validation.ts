import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { FieldProblem, MAX_LISTED_PROBLEMS, moreProblems } from './problem.filter';
import { rememberValidationRules } from './validation-rules-memo';

/** Deeper than any DTO goes; the validators recurse, and hostile nesting would exhaust the stack (a 500). */
const MAX_DEPTH = 32;
/**
 * Names every object inherits (`__proto__`, `constructor`, `valueOf`, …). No DTO lists them, yet Nest
 * strips `__proto__` silently and class-validator's whitelist lets the others through; refuse them all.
 */
const PROTOTYPE_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);
/**
 * No list or object of any DTO holds more (the longest list takes 200). Larger ones are refused before
 * class-transformer, which takes about a second for a nested object of 24,000 keys.
 */
const MAX_ENTRIES = 1000;
/** A lone surrogate makes validator.js throw (a 500) and is no text anyone typed; PostgreSQL cannot store NUL. */
// eslint-disable-next-line no-control-regex -- NUL is the character this pattern exists to find
const BROKEN_TEXT = /[\p{Cs}\u0000]/u;

/** A key may be as long as the body; a problem names it, so an answer repeats it. */
const MAX_TEXT = 200;
const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

/** A 400 naming at most MAX_LISTED_PROBLEMS problems; its message says how many more there were. */
export class ValidationRefusal extends BadRequestException {
  constructor(
    readonly problems: FieldProblem[],
    readonly unlisted = 0,
  ) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => ({ field: clip(p.field), problems: p.problems.map(clip) }));
    const more = problems.length - listed.length + unlisted;
    const lines = [...listed.map((d) => d.problems.join(', ')), ...(more ? [moreProblems(more)] : [])];
    super({ message: lines.join('; ') || 'The request is not valid.', details: listed });
  }
}

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
    const keys = Object.keys(value);
    // The body's own keys are left to the whitelist, which lists the first unknown ones (surplusUnknownKeys).
    if (keys.length > MAX_ENTRIES && (depth > 0 || Array.isArray(value))) {
      const where = field || name;
      return { field: where, problems: [`${where} holds ${keys.length} entries; a request holds at most ${MAX_ENTRIES} in one list or object`] };
    }
    for (const key of keys) {
      const path = field ? `${field}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key)) return { field: path, problems: [`property ${key} should not exist`] };
      pending.push({ value: (value as Record<string, unknown>)[key], field: path, depth: depth + 1 });
    }
  }
  return null;
}

/** The fields a DTO class lists (those of its parents included): what the whitelist lets through. */
export function fieldsListedBy(dto: new (...args: never[]) => object): Set<string> {
  return new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(dto, '', true, false)
      .map((m) => m.propertyName),
  );
}

/**
 * Keys of `value` the DTO does not list, beyond the first MAX_LISTED_PROBLEMS: they would only be
 * counted in the answer, and class-transformer slows down more than linearly with the number of keys
 * (24,000 of them took 0.5 s, 48,000 took 2.5 s), so they are counted and left out before it runs.
 */
function surplusUnknownKeys(value: unknown, metatype: ArgumentMetadata['metatype']): string[] {
  if (!metatype || value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const keys = Object.keys(value);
  if (keys.length <= MAX_LISTED_PROBLEMS) return [];
  const listed = fieldsListedBy(metatype);
  // Not a DTO (a plain object, a string): nothing checks its keys, so none may be left out.
  if (!listed.size) return [];
  return keys.filter((key) => !listed.has(key)).slice(MAX_LISTED_PROBLEMS);
}

class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Only what the client sent: body, query and route parameters (not @CurrentUser() and the like).
    if (metadata.type === 'custom') return super.transform(value, metadata);
    const problem = shapeProblem(value, metadata.data ?? metadata.type);
    if (problem) throw new ValidationRefusal([problem]);
    const surplus = surplusUnknownKeys(value, metadata.metatype);
    if (!surplus.length) return super.transform(value, metadata);
    const left = new Set(surplus);
    const rest = Object.fromEntries(Object.entries(value as object).filter(([key]) => !left.has(key)));
    try {
      return await super.transform(rest, metadata);
    } catch (error) {
      throw error instanceof ValidationRefusal ? new ValidationRefusal(error.problems, error.unlisted + surplus.length) : error;
    }
  }
}

export function validationPipe(): ValidationPipe {
  rememberValidationRules();
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new ValidationRefusal(flatten(errors)),
  });
}
