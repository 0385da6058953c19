import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { AccessModule, CreateUserDto, UsersService } from '@r2c/access';
import { ConfigError, CoreModule, loadConfig } from '@r2c/core';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

const USAGE = `Usage:
  npm run cli -- create-admin --email <email> --name <name> --password <password>
`;

async function context() {
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  @Module({ imports: [CoreModule.forCommandLine(config), AccessModule] })
  class CliModule {}
  return NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
}

async function createAdmin(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } } });
  const dto = plainToInstance(CreateUserDto, { email: values.email, name: values.name ?? 'Administrator', password: values.password, role: 'admin' });
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

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  try {
    if (command === 'create-admin') await createAdmin(args);
    else {
      process.stderr.write(USAGE + '\n');
      process.exit(2);
    }
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
    process.exit(1);
  }
}

void main();
