import { ForeignKey, getMetadataArgsStorage, TableForeignKeyOptions } from 'typeorm';

/**
 * What the database does with a row when the row it references is deleted. Every foreign key states
 * it, with no default: the migrations' own helpers once defaulted to RESTRICT in one file and to
 * CASCADE in the next, so a key's behaviour could not be read where it was declared.
 */
export type OnDelete = 'CASCADE' | 'RESTRICT' | 'SET NULL';

/** A migration's foreign key from `column` to `table`'s id. */
export function foreignKey(column: string, table: string, onDelete: OnDelete): TableForeignKeyOptions {
  return { columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete };
}

/**
 * The entity's side of the same key, on the column's property: `@References('cycles', 'CASCADE')`.
 * The table is named rather than its entity class, so one library's entity never imports another's.
 * The schema test holds it to what the migration made.
 */
export function References(table: string, onDelete: OnDelete): PropertyDecorator {
  return ForeignKey(table, { onDelete });
}

/**
 * TypeORM refuses a foreign key to an entity the data source does not load, and a process loads only
 * the entities of the modules it imports (the worker loads summaries, not cycles); so each entity
 * referenced by a loaded one is loaded too.
 */
export function withReferencedEntities<T>(entities: T[]): T[] {
  const storage = getMetadataArgsStorage();
  const loaded = new Set<unknown>(entities);
  for (const entity of loaded) {
    for (const key of storage.foreignKeys.filter((k) => k.target === entity)) {
      const table = typeof key.type === 'function' ? (key.type as () => unknown)() : key.type;
      const referenced = storage.tables.find((t) => t.type === 'regular' && (t.name === table || t.target === table));
      if (referenced) loaded.add(referenced.target);
    }
  }
  return [...loaded] as T[];
}
