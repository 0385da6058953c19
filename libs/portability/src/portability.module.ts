import { Module } from '@nestjs/common';
import { ExportService } from './export.service';
import { ImportExport } from './import-export';

/** Exports of an initiative or the coalition, and their import into a fresh database. */
@Module({ providers: [ExportService, ImportExport], exports: [ExportService, ImportExport] })
export class PortabilityModule {}
