import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { DIRECTIONS, INDICATOR_KINDS } from '../domain';
import type { Direction, IndicatorKind } from '../domain';
import type { IndicatorView } from '@r2c/contracts';
import { Indicator } from './indicator.entity';
import { NoPersonalContact, Trim } from '@r2c/core';

export type { IndicatorView } from '@r2c/contracts';

const custom = (o: CreateIndicatorDto) => o.templateKey === undefined;

/** Either `{templateKey}` (adopt a catalogue template, optionally with baseline/target) or a custom indicator. */
export class CreateIndicatorDto {
  @ApiPropertyOptional({ example: 'trust_in_library', description: 'adopt a template from GET /api/v1/indicator-templates' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  templateKey?: string;

  @ApiPropertyOptional({ example: 'Attendance' })
  @ValidateIf((o: CreateIndicatorDto) => custom(o) || o.name !== undefined)
  @Trim()
  @IsString({ message: 'name is required (or give a templateKey)' })
  @Length(1, 200)
  @NoPersonalContact()
  name?: string;

  @ApiPropertyOptional({ example: 'people' })
  @ValidateIf((o: CreateIndicatorDto) => custom(o) || o.unit !== undefined)
  @Trim()
  @IsString({ message: 'unit is required (or give a templateKey)' })
  @Length(1, 60)
  @NoPersonalContact()
  unit?: string;

  @ApiPropertyOptional({ enum: INDICATOR_KINDS })
  @ValidateIf((o: CreateIndicatorDto) => custom(o) || o.kind !== undefined)
  @IsIn(INDICATOR_KINDS, { message: `kind must be one of ${INDICATOR_KINDS.join(', ')}` })
  kind?: IndicatorKind;

  @ApiPropertyOptional({ enum: DIRECTIONS })
  @ValidateIf((o: CreateIndicatorDto) => custom(o) || o.direction !== undefined)
  @IsIn(DIRECTIONS, { message: `direction must be one of ${DIRECTIONS.join(', ')}` })
  direction?: Direction;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  baseline?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  target?: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(0, 2000)
  @NoPersonalContact()
  description?: string;
}

export const toIndicatorView = (i: Indicator): IndicatorView => ({
  id: i.id,
  initiativeId: i.initiativeId,
  name: i.name,
  unit: i.unit,
  kind: i.kind,
  direction: i.direction,
  baseline: i.baseline === null ? null : Number(i.baseline),
  target: i.target === null ? null : Number(i.target),
  templateKey: i.templateKey,
  description: i.description,
  createdAt: new Date(i.createdAt).toISOString(),
});

export class IndicatorTemplateView {
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty() unit: string;
  @ApiProperty({ enum: INDICATOR_KINDS }) kind: string;
  @ApiProperty({ enum: DIRECTIONS }) direction: string;
  @ApiProperty() description: string;
}
