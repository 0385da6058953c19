import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '@r2c/access';
import { CyclesModule } from '@r2c/cycles';
import { OutboxModule } from '@r2c/notify';
import { SUMMARY_ENTITIES } from '../entities';
import { AfterCommit } from './after-commit';
import { CycleSummaries } from './cycle-summaries';
import { SummariesService } from './summaries.service';
import { SummaryCompiler } from './summary-compiler';
import { SummaryListing } from './summary-listing';
import { SummaryTriggers } from './summary-triggers';

/** Compiling summaries: what the worker needs (no HTTP, no cycle rules). */
@Module({
  imports: [AccessModule, TypeOrmModule.forFeature(SUMMARY_ENTITIES), OutboxModule],
  providers: [SummaryCompiler, SummariesService],
  exports: [SummaryCompiler, SummariesService],
})
export class SummaryCompilingModule {}

/** For the HTTP app: requests a summary when a cycle closes or an admin asks, and decides who reads it. */
@Module({
  imports: [SummaryCompilingModule, AccessModule, CyclesModule],
  providers: [AfterCommit, SummaryTriggers, CycleSummaries, SummaryListing],
  exports: [CycleSummaries, SummaryListing, SummaryCompilingModule],
})
export class SummariesModule {}
