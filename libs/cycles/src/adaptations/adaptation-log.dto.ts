import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { IsCalendarDate } from '@r2c/access';
import type { AdaptationLogEntryView } from '@r2c/contracts';
import { NoPersonalContact, Trim } from '@r2c/core';
import { ADAPTATION_PLANNING, FIDELITY_ANSWERS, PERMANENCE } from '../domain';
import type { AdaptationPlanning, FidelityAnswer, Permanence } from '../domain';
import { AdaptationLogEntry } from './adaptation-log-entry.entity';

export type { AdaptationLogEntryView } from '@r2c/contracts';

/** One change to the programme, in FRAME's terms: every field is asked for, so the log stays comparable. */
export class LogAdaptationDto {
  @ApiProperty({ example: '2026-03-16', description: 'when the change was made (or is planned for)' })
  @IsCalendarDate()
  madeOn: string;

  @ApiProperty({ example: 'Moved story time from Tuesday evening to Saturday morning.' })
  @Trim()
  @IsString()
  @Length(1, 5000)
  @NoPersonalContact()
  whatChanged: string;

  @ApiProperty({ example: 'Programme librarian with the two volunteer greeters' })
  @Trim()
  @IsString()
  @Length(1, 300)
  @NoPersonalContact()
  decidedBy: string;

  @ApiProperty({ enum: ADAPTATION_PLANNING, description: 'planned ahead, or a reaction to something that happened' })
  @IsIn(ADAPTATION_PLANNING, { message: `planning must be one of ${ADAPTATION_PLANNING.join(', ')}` })
  planning: AdaptationPlanning;

  @ApiProperty({ example: 'Three families said weekday evenings clash with work shifts.' })
  @Trim()
  @IsString()
  @Length(1, 5000)
  @NoPersonalContact()
  reason: string;

  @ApiProperty({ enum: FIDELITY_ANSWERS, description: 'does the change keep the programme’s core elements?' })
  @IsIn(FIDELITY_ANSWERS, { message: `fidelityConsistent must be one of ${FIDELITY_ANSWERS.join(', ')}` })
  fidelityConsistent: FidelityAnswer;

  @ApiProperty({ enum: PERMANENCE })
  @IsIn(PERMANENCE, { message: `permanence must be one of ${PERMANENCE.join(', ')}` })
  permanence: Permanence;
}

export const toAdaptationLogEntryView = (a: AdaptationLogEntry): AdaptationLogEntryView => ({
  id: a.id,
  cycleId: a.cycleId,
  madeOn: a.madeOn,
  whatChanged: a.whatChanged,
  decidedBy: a.decidedBy,
  planning: a.planning,
  reason: a.reason,
  fidelityConsistent: a.fidelityConsistent,
  permanence: a.permanence,
  createdBy: a.createdBy,
  createdAt: new Date(a.createdAt).toISOString(),
});
