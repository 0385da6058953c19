import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '@r2c/access';
import { CyclesModule } from '@r2c/cycles';
import { LEARNING_ENTITIES } from './entities';
import { EvidenceBaseReader, EvidenceBaseService } from './evidence-base/evidence-base.service';
import { ProgrammeService } from './programme/programme.service';
import { StrategyTagsService } from './tags/strategy-tags.service';

const SERVICES = [ProgrammeService, EvidenceBaseReader, EvidenceBaseService, StrategyTagsService];

/** Learning across the coalition: the programme view, the evidence base and its strategy tags. */
@Module({ imports: [AccessModule, CyclesModule, TypeOrmModule.forFeature(LEARNING_ENTITIES)], providers: SERVICES, exports: SERVICES })
export class LearningModule {}
