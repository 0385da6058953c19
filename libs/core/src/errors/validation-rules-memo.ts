import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Storage = ReturnType<typeof getMetadataStorage>;
type Lookup = Storage['getTargetValidationMetadatas'];
type Grouped = ReturnType<Storage['groupByPropertyName']>;

const remembering = new WeakSet<Storage>();

/**
 * class-validator finds a DTO's rules anew on every validation: it walks the rules of every class the
 * app has registered, to find those the DTO inherits, then groups them by field. The rules only change
 * while decorators run (as modules load), so the storage keeps each answer until a rule is added. The
 * answers are frozen: a caller that tried to change one would fail loudly, not change the next answer;
 * only those answers are grouped once (any other list may change after it was grouped).
 */
export function rememberValidationRules(storage: Storage = getMetadataStorage()): void {
  if (remembering.has(storage)) return;
  remembering.add(storage);

  let rules = new Map<unknown, Map<string, ValidationMetadata[]>>();
  let grouped = new WeakMap<ValidationMetadata[], Grouped>();
  const forget = () => {
    rules = new Map();
    grouped = new WeakMap();
  };

  const lookUp: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}|${always}|${strictGroups}|${groups?.length ? JSON.stringify(groups) : ''}`;
    let forTarget = rules.get(target);
    if (!forTarget) rules.set(target, (forTarget = new Map<string, ValidationMetadata[]>()));
    let found = forTarget.get(key);
    if (!found) forTarget.set(key, (found = Object.freeze(lookUp(target, schema, always, strictGroups, groups)) as ValidationMetadata[]));
    return found;
  };

  const group = storage.groupByPropertyName.bind(storage);
  storage.groupByPropertyName = (metadata) => {
    if (!Object.isFrozen(metadata)) return group(metadata);
    let found = grouped.get(metadata);
    if (!found) {
      found = group(metadata);
      for (const list of Object.values(found)) Object.freeze(list);
      grouped.set(metadata, Object.freeze(found));
    }
    return found;
  };

  const addRule = storage.addValidationMetadata.bind(storage);
  storage.addValidationMetadata = (metadata) => {
    forget();
    addRule(metadata);
  };
  const addConstraint = storage.addConstraintMetadata.bind(storage);
  storage.addConstraintMetadata = (metadata) => {
    forget();
    addConstraint(metadata);
  };
}
