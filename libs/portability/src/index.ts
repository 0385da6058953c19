export * from './export-sections';
export * from './export.service';
export * from './import-export';
export * from './portability.module';
