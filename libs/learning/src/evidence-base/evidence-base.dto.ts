import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { DECISIONS, OUTCOMES } from '@r2c/contracts';
import type { Decision, Outcome } from '@r2c/contracts';
import { PageQuery, Trim } from '@r2c/core';

export type { EvidenceBaseItem, EvidenceBasePage, EvidenceMeasurement } from '@r2c/contracts';

export class EvidenceBaseQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Words to find in the hypothesis, what changed and the insights (all of them must appear)', example: 'coffee' })
  @IsOptional()
  @Trim()
  @IsString({ message: 'q must be text' })
  @Length(0, 200, { message: 'q must be at most 200 characters' })
  q?: string;

  @ApiPropertyOptional({ enum: DECISIONS })
  @IsOptional()
  @IsIn(DECISIONS, { message: `decision must be one of: ${DECISIONS.join(', ')}` })
  decision?: Decision;

  @ApiPropertyOptional({ enum: OUTCOMES })
  @IsOptional()
  @IsIn(OUTCOMES, { message: `outcome must be one of: ${OUTCOMES.join(', ')}` })
  outcome?: Outcome;

  @ApiPropertyOptional({ description: "An indicator template's key (e.g. attendance): cycles that measured it", example: 'attendance' })
  @IsOptional()
  @Trim()
  @IsString({ message: 'indicatorKey must be text' })
  @Length(1, 60, { message: 'indicatorKey must be 1 to 60 characters' })
  indicatorKey?: string;

  @ApiPropertyOptional({ description: "A strategy tag's id or name", example: 'World café' })
  @IsOptional()
  @Trim()
  @IsString({ message: 'tag must be text' })
  @Length(1, 60, { message: 'tag must be 1 to 60 characters' })
  tag?: string;
}
