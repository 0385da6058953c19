import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsCalendarDate } from '@r2c/access';
import { EVIDENCE_KINDS, EVIDENCE_METHODS } from '../domain';
import type { EvidenceKind, EvidenceMethod } from '../domain';
import type { EvidenceView } from '@r2c/contracts';
import { Evidence } from './evidence.entity';
import { NoPersonalContact, Trim } from '@r2c/core';

export type { EvidenceView } from '@r2c/contracts';

export class CreateEvidenceDto {
  @ApiProperty({ enum: EVIDENCE_KINDS })
  @IsIn(EVIDENCE_KINDS, { message: `kind must be one of ${EVIDENCE_KINDS.join(', ')}` })
  kind: EvidenceKind;

  @ApiPropertyOptional({ description: 'required for a measurement: one of this initiative’s indicators' })
  @IsOptional()
  @IsUUID('all', { message: 'indicatorId must be an indicator id (a UUID)' })
  indicatorId?: string;

  @ApiPropertyOptional({ description: 'for a measurement: 1–5 for scale_1_5, 0–100 for percent, a whole number ≥ 0 for count' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'value must be a number' })
  value?: number;

  @ApiPropertyOptional({ description: 'the observation, quote or story; or the answer for a text indicator' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 10000)
  @NoPersonalContact()
  text?: string;

  @ApiProperty({ example: '2026-03-16' })
  @IsCalendarDate()
  observedOn: string;

  @ApiProperty({ enum: EVIDENCE_METHODS })
  @IsIn(EVIDENCE_METHODS, { message: `method must be one of ${EVIDENCE_METHODS.join(', ')}` })
  method: EvidenceMethod;

  @ApiPropertyOptional({ example: 'Sign-in sheet, Tuesday story time' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(0, 300)
  @NoPersonalContact()
  source?: string;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000000)
  sampleSize?: number;
}

/** An edit: the fields sent replace the entry's, under the same rules as adding; `null` clears an optional one. */
export class UpdateEvidenceDto extends PartialType(CreateEvidenceDto, { skipNullProperties: false }) {}

export const toEvidenceView = (e: Evidence): EvidenceView => ({
  id: e.id,
  cycleId: e.cycleId,
  kind: e.kind,
  indicatorId: e.indicatorId,
  value: e.value === null ? null : Number(e.value),
  text: e.text,
  observedOn: e.observedOn,
  method: e.method,
  source: e.source,
  sampleSize: e.sampleSize,
  createdBy: e.createdBy,
  createdAt: new Date(e.createdAt).toISOString(),
});
