import { MigrationInterface } from 'typeorm';

type MigrationClass = new () => MigrationInterface;

/** The schema's whole history, in order. Add a migration here; never edit one that has shipped. */
export const MIGRATIONS: MigrationClass[] = [];
