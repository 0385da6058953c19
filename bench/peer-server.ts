import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Body, Controller, Injectable, Module, Param, Post, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Min } from 'class-validator';
import { Column, DataSource, Entity, PrimaryColumn, Repository } from 'typeorm';

/**
 * The typical peer the API is compared with: what a plain NestJS 11 + Express app with a global
 * ValidationPipe and TypeORM 0.3 (sqlite3 driver) does for "add an evidence entry" — validate the
 * body, one INSERT into the same `evidence` table of a file migrated by the app's migrations, answer
 * the row. No authentication, no authorization, no audit row, no transaction, no request log.
 * Its SQLite file gets the app's pragmas (WAL, synchronous NORMAL, busy timeout), so the comparison is
 * about the code, not the journal. Run as its own process by bench/run: `node peer-server.js <file>`.
 */

@Entity('evidence')
class EvidenceRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'cycle_id', type: 'varchar', length: 36 }) cycleId: string;
  @Column({ name: 'initiative_id', type: 'varchar', length: 36 }) initiativeId: string;
  @Column({ type: 'varchar', length: 20 }) kind: string;
  @Column({ name: 'indicator_id', type: 'varchar', length: 36, nullable: true }) indicatorId: string | null;
  @Column({ type: 'double precision', nullable: true }) value: number | null;
  @Column({ type: 'text', nullable: true }) text: string | null;
  @Column({ name: 'observed_on', type: 'date' }) observedOn: string;
  @Column({ type: 'varchar', length: 20 }) method: string;
  @Column({ type: 'varchar', length: 300, nullable: true }) source: string | null;
  @Column({ name: 'sample_size', type: 'integer', nullable: true }) sampleSize: number | null;
  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true }) createdBy: string | null;
  @Column({ name: 'created_at' }) createdAt: Date;
}

class CreateEvidenceDto {
  @IsUUID() initiativeId: string;
  @IsIn(['measurement', 'observation', 'quote', 'story']) kind: string;
  @IsOptional() @IsUUID() indicatorId?: string;
  @IsOptional() @IsNumber() value?: number;
  @IsOptional() @IsString() @Length(1, 10000) text?: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/) observedOn: string;
  @IsString() method: string;
  @IsOptional() @IsString() @Length(0, 300) source?: string;
  @IsOptional() @IsInt() @Min(1) sampleSize?: number;
  @IsOptional() @IsUUID() createdBy?: string;
}

@Injectable()
class EvidenceService {
  constructor(@InjectRepository(EvidenceRow) private readonly rows: Repository<EvidenceRow>) {}

  async add(cycleId: string, dto: CreateEvidenceDto): Promise<EvidenceRow> {
    const row: EvidenceRow = {
      id: randomUUID(),
      cycleId,
      initiativeId: dto.initiativeId,
      kind: dto.kind,
      indicatorId: dto.indicatorId ?? null,
      value: dto.value ?? null,
      text: dto.text ?? null,
      observedOn: dto.observedOn,
      method: dto.method,
      source: dto.source ?? null,
      sampleSize: dto.sampleSize ?? null,
      createdBy: dto.createdBy ?? null,
      createdAt: new Date(),
    };
    await this.rows.insert(row);
    return row;
  }
}

@Controller('cycles')
class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Post(':id/evidence')
  add(@Param('id') cycleId: string, @Body() dto: CreateEvidenceDto): Promise<EvidenceRow> {
    return this.evidence.add(cycleId, dto);
  }
}

@Module({})
class PeerModule {
  static forFile(file: string) {
    return {
      module: PeerModule,
      imports: [
        TypeOrmModule.forRoot({ type: 'sqlite', database: file, entities: [EvidenceRow], enableWAL: true, busyTimeout: 5000 }),
        TypeOrmModule.forFeature([EvidenceRow]),
      ],
      controllers: [EvidenceController],
      providers: [EvidenceService],
    };
  }
}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(PeerModule.forFile(process.argv[2]), { logger: ['error', 'warn'] });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true }));
  await app.get(DataSource).query('PRAGMA synchronous = NORMAL');
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  process.send?.({ port: address.port });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
