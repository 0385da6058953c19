import 'reflect-metadata';
import { DynamicModule, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { AccessModule, CreateUserDto, UsersService } from '@r2c/access';
import { AppConfig, CoreModule, keepDataDirPrivate, loadConfig, passwordProblem } from '@r2c/core';
import { CycleEvents, CyclesModule } from '@r2c/cycles';
import { LearningModule } from '@r2c/learning';
import { SummariesService, SummaryCompilingModule } from '@r2c/reports';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DemoDataPresent, formatDemoLogins, seedDemo } from './demo/seed-demo';
import { backupDatabase } from './backup/backup-database';
import { importExportCommand } from './portability/import-export-command';

const USAGE = `Usage:
  npm run cli -- create-admin --email <email> --name <name> --password <password>
  npm run seed:demo [-- --password <password>]   (demo data: seven fictional pilot libraries and their people)
  npm run backup [-- --to <file>]   (a consistent copy of the SQLite database, taken while the app runs)
  npm run cli -- import-export <file.json>   (an export of /api/v1/admin/export.json or an initiative's, into a fresh database)
`;

/** The configuration, with DATA_DIR kept private: these commands may create the database or a backup. */
function configuration(): AppConfig {
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  keepDataDirPrivate(config.dataDir);
  return config;
}

async function context(...features: (Type | DynamicModule)[]) {
  const config = configuration();
  @Module({ imports: [CoreModule.forCommandLine(config), AccessModule, ...features] })
  class CliModule {}
  return NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
}

async function createAdmin(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } } });
  const dto = plainToInstance(CreateUserDto, { email: values.email, name: values.name ?? 'Administrator', password: values.password, role: 'admin' });
  if (values.password === undefined) throw new Error('--password is required');
  const weak = passwordProblem(values.password, [values.email ?? '', values.name ?? '']);
  if (weak) throw new Error(`--password ${weak}`);
  const problems = await validate(dto);
  if (problems.length) throw new Error(problems.flatMap((p) => Object.values(p.constraints ?? {})).join('; '));
  const app = await context();
  try {
    const user = await app.get(UsersService).create(null, dto);
    process.stdout.write(`created admin ${user.email} (${user.id})\n`);
  } finally {
    await app.close();
  }
}

async function seedDemoData(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { password: { type: 'string' } } });
  const app = await context(CyclesModule, SummaryCompilingModule, LearningModule);
  // The running app's workers compile these summaries; here only the request is recorded, with the approval.
  const summaries = app.get(SummariesService);
  app.get(CycleEvents).onClosed(async (em, cycle, actor) => void (await summaries.request(em, cycle.id, 'closed', actor.id)));
  try {
    process.stdout.write(formatDemoLogins(await seedDemo(app, { password: values.password })));
  } catch (error) {
    if (!(error instanceof DemoDataPresent)) throw error;
    process.stdout.write(`${error.message}\n`);
  } finally {
    await app.close();
  }
}

async function backup(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { to: { type: 'string' } } });
  const { file, bytes } = await backupDatabase(configuration(), values.to);
  process.stdout.write(`backup written to ${file} (${bytes} bytes)\n`);
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  try {
    if (command === 'create-admin') await createAdmin(args);
    else if (command === 'seed-demo') await seedDemoData(args);
    else if (command === 'backup') await backup(args);
    else if (command === 'import-export') process.stdout.write(await importExportCommand(args, context));
    else {
      process.stderr.write(USAGE + '\n');
      process.exit(2);
    }
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

void main();
