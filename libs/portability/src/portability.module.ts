import { Module } from '@nestjs/common';
import { AccessModule } from '@r2c/access';
import { ExportService } from './export.service';
import { ImportExport } from './import-export';

/** Exports of an initiative or the coalition, and their import into a fresh database. */
@Module({ imports: [AccessModule], providers: [ExportService, ImportExport], exports: [ExportService, ImportExport] })
export class PortabilityModule {}
