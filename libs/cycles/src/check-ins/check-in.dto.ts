import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { CheckIn } from './check-in.entity';
import { Trim } from '@r2c/core';
import { NoPersonalContact } from '../privacy/no-personal-contact';


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

export interface CheckInView {
  id: string;
  initiativeId: string;
  authorId: string;
  note: string;
  blockers: string | null;
  helpWanted: string | null;
  createdAt: string;
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
