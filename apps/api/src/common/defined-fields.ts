/**
 * A DTO's fields without those the request left out. Class fields are own properties even when unset
 * (ES2022 class fields), so `{ ...entity, ...dto }` would otherwise blank the entity's values in the answer.
 */
export function definedFields<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)) as Partial<T>;
}
