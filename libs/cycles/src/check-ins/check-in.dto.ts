import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import type { CheckInView } from '@r2c/contracts';
import { CheckIn } from './check-in.entity';
import { NoPersonalContact, Trim } from '@r2c/core';

export type { CheckInPage, CheckInView, CheckInWithNextDue } from '@r2c/contracts';

export class CreateCheckInDto {
  @ApiProperty({ example: 'Second bilingual story time: 14 families, 5 of them new. Volunteers felt more at ease.' })
  @Trim()
  @IsString()
  @Length(1, 5000)
  @NoPersonalContact()
  note: string;

  @ApiPropertyOptional({ example: 'Our Dari-speaking volunteer moves away in April.' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(0, 5000)
  @NoPersonalContact()
  blockers?: string;

  @ApiPropertyOptional({ example: 'Ideas for recruiting volunteers from the mosque community.' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(0, 5000)
  @NoPersonalContact()
  helpWanted?: string;
}

export const toCheckInView = (c: CheckIn): CheckInView => ({
  id: c.id,
  initiativeId: c.initiativeId,
  authorId: c.authorId,
  note: c.note,
  blockers: c.blockers,
  helpWanted: c.helpWanted,
  createdAt: new Date(c.createdAt).toISOString(),
});
