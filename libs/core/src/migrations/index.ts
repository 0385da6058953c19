import { MigrationInterface } from 'typeorm';
import { Access1764000000001 } from './1764000000001-Access';
import { Cycles1764000000002 } from './1764000000002-Cycles';

type MigrationClass = new () => MigrationInterface;

/** The schema's whole history, in order. Add a migration here; never edit one that has shipped. */
export const MIGRATIONS: MigrationClass[] = [
  Access1764000000001,
  Cycles1764000000002,
];
