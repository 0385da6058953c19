import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsOmittable } from '@r2c/access';
import { DECISIONS, OUTCOMES, PHASES, REVIEW_VERDICTS, WORKING_PHASES } from '../domain';
import type { Decision, Outcome, Phase, ReviewVerdict, WorkingPhase } from '../domain';
import { NoPersonalContact, Trim } from '@r2c/core';

const LONG = 10000;

export class CreateCycleDto {
  @ApiProperty({ example: 'Cycle 2: bilingual welcome at the door' })
  @Trim()
  @IsString({ message: 'Give the cycle a title.' })
  @Length(1, 200, { message: 'Give the cycle a title of at most 200 characters.' })
  @NoPersonalContact()
  title: string;

  @ApiProperty({ example: '2026-03-02' })
  @IsCalendarDate()
  plannedStart: string;

  @ApiProperty({ example: '2026-04-13' })
  @IsCalendarDate()
  plannedEnd: string;
}

/** "Attendance from 12 to 18": the numbers must be ones the indicator's evidence could show. */
export class PredictionDto {
  @ApiProperty({ description: 'one of the hypothesis’s indicatorIds' })
  @IsUUID('all', { message: 'indicatorId must be an indicator id (a UUID)' })
  indicatorId: string;

  @ApiPropertyOptional({ example: 12, description: 'where the indicator stands now (optional)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'from must be a number' })
  from?: number;

  @ApiProperty({ example: 18, description: 'what the evidence will show if the hypothesis holds' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'to must be a number' })
  to: number;

  @ApiPropertyOptional({ example: 'Mean weekly attendance over the four Saturday sessions' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(0, 1000)
  @NoPersonalContact()
  note?: string;
}

/** Sections may be saved as drafts: fields are optional here and required only to move on. */
export class HypothesisDto {
  @ApiPropertyOptional({
    example: 'If we greet newcomers in their own language at the door, then more of them will come back, because they will feel expected.',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(0, LONG)
  @NoPersonalContact()
  statement?: string;

  @ApiPropertyOptional({ example: 'Repeat attendance of newcomer families rises from 3 to 6' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(0, LONG)
  @NoPersonalContact()
  expectedOutcome?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(0, LONG)
  @NoPersonalContact()
  rationale?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(0, LONG)
  @NoPersonalContact()
  learningQuestion?: string;

  @ApiPropertyOptional({ type: [String], description: 'ids of this initiative’s indicators that will show it' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each of indicatorIds must be an indicator id (a UUID)' })
  indicatorIds?: string[];

  @ApiPropertyOptional({ type: [PredictionDto], description: 'one per indicator; leave out to keep the saved ones, [] to clear them' })
  // Null is refused rather than read as "keep": the two would be too easy to confuse.
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PredictionDto)
  predictions?: PredictionDto[];
}

export class GatheringDto {
  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @Length(0, LONG) @NoPersonalContact() whyGather?: string;
  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @Length(0, LONG) @NoPersonalContact() desiredOutcome?: string;
  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @Length(0, LONG) @NoPersonalContact() invitation?: string;
  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @Length(0, LONG) @NoPersonalContact() opening?: string;
  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @Length(0, LONG) @NoPersonalContact() closing?: string;
  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @Length(0, LONG) @NoPersonalContact() timeToReflect?: string;
}

export class AdaptationDto {
  @ApiPropertyOptional({ example: 'Two volunteers greet families in Spanish and Dari at the door and walk them in.' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(0, LONG)
  @NoPersonalContact()
  description?: string;

  @ApiPropertyOptional({ example: '2026-03-09' })
  @IsOptional()
  @IsCalendarDate()
  implementedOn?: string;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  sessionsHeld?: number;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000000)
  participantsReached?: number;

  @ApiPropertyOptional({ type: GatheringDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => GatheringDto)
  gathering?: GatheringDto;
}

export class ReflectionDto {
  @ApiPropertyOptional({ enum: OUTCOMES })
  @IsOptional()
  @IsIn(OUTCOMES, { message: `outcome must be one of ${OUTCOMES.join(', ')}` })
  outcome?: Outcome;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(0, LONG)
  @NoPersonalContact()
  insights?: string;

  @ApiPropertyOptional({ enum: DECISIONS })
  @IsOptional()
  @IsIn(DECISIONS, { message: `decision must be one of ${DECISIONS.join(', ')}` })
  decision?: Decision;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(0, LONG)
  @NoPersonalContact()
  nextSteps?: string;
}

export class TransitionDto {
  @ApiProperty({ enum: PHASES })
  @IsIn(PHASES, { message: `to must be one of ${PHASES.join(', ')}` })
  to: Phase;
}

export class ReviewDto {
  @ApiProperty({ enum: REVIEW_VERDICTS })
  @IsIn(REVIEW_VERDICTS, { message: `verdict must be one of ${REVIEW_VERDICTS.join(', ')}` })
  verdict: ReviewVerdict;

  @ApiProperty({ example: 'Strong cycle. Next time, ask the same survey question before and after.' })
  @Trim()
  @IsString()
  @Length(1, LONG)
  @NoPersonalContact()
  body: string;

  @ApiPropertyOptional({ enum: WORKING_PHASES, description: 'for request_changes: the phase to go back to (default reflection)' })
  @IsOptional()
  @IsIn(WORKING_PHASES, { message: `returnTo must be one of ${WORKING_PHASES.join(', ')}` })
  returnTo?: WorkingPhase;
}
