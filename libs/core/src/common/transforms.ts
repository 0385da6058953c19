import { Transform } from 'class-transformer';

/** Trims a string input before validation, so "  " counts as empty; other types pass through. */
export const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Trims and lower-cases a string input (email addresses); other types pass through. */
export const TrimLowerCase = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));
