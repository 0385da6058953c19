import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { NoPersonalContact, PageQuery, Trim } from '@r2c/core';
import { IsCalendarDate, IsOmittable } from '../common/validators';
import { DIGEST_SHARING, Initiative, INITIATIVE_STATUSES, MEMBER_ROLES } from './initiative.entity';
import type { DigestSharing, InitiativeStatus, MemberRole } from './initiative.entity';
import type { InitiativeView } from '@r2c/contracts';

export type { InitiativeView, InitiativeWithMembers, MemberView } from '@r2c/contracts';

export class CreateInitiativeDto {
  @ApiProperty()
  @IsUUID('all', { message: 'Choose the library that runs this initiative.' })
  libraryId: string;

  @ApiProperty({ example: 'Community Conversations at the Branch' })
  @Trim()
  @IsString({ message: 'Give the initiative a title.' })
  @Length(1, 200, { message: 'Give the initiative a title of at most 200 characters.' })
  @NoPersonalContact()
  title: string;

  @ApiProperty()
  @Trim()
  @IsString({ message: 'Say in a few sentences what the initiative is.' })
  @Length(1, 5000, { message: 'The summary is needed, in at most 5,000 characters.' })
  @NoPersonalContact()
  summary: string;

  @ApiProperty({ example: 'Newcomer families and long-time residents' })
  @Trim()
  @IsString({ message: 'Say who the initiative is for.' })
  @Length(1, 2000, { message: 'Who it is for is needed, in at most 2,000 characters.' })
  @NoPersonalContact()
  audience: string;

  @ApiProperty({ example: 'What helps neighbours who rarely meet feel they belong at the library?' })
  @Trim()
  @IsString({ message: 'Write the question the initiative wants to answer.' })
  @Length(1, 2000, { message: 'The learning question is needed, in at most 2,000 characters.' })
  @NoPersonalContact()
  learningQuestion: string;

  @ApiProperty({ minimum: 1, maximum: 90, example: 14 })
  @IsInt({ message: 'Days between check-ins must be a whole number of days.' })
  @Min(1, { message: 'Days between check-ins must be between 1 and 90.' })
  @Max(90, { message: 'Days between check-ins must be between 1 and 90.' })
  checkInCadenceDays: number;

  @ApiProperty({ example: '2026-03-02' })
  @IsCalendarDate()
  startDate: string;
}

/** Fields may be left out; null is validated like any other value (and refused), since every column is required. */
export class UpdateInitiativeDto extends PartialType(OmitType(CreateInitiativeDto, ['libraryId'] as const), { skipNullProperties: false }) {
  @ApiPropertyOptional({ enum: INITIATIVE_STATUSES })
  @IsOmittable()
  @IsIn(INITIATIVE_STATUSES, { message: `status must be one of ${INITIATIVE_STATUSES.join(', ')}` })
  status?: InitiativeStatus;
}

export class InitiativeListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INITIATIVE_STATUSES })
  @IsOptional()
  @IsIn(INITIATIVE_STATUSES)
  status?: InitiativeStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  libraryId?: string;
}

export class DigestSharingDto {
  @ApiProperty({
    enum: DIGEST_SHARING,
    description: 'everything; closed_cycles (only cycles a coach approved, with their results); nothing (absent from the digest)',
  })
  @IsIn(DIGEST_SHARING, { message: `digestSharing must be one of ${DIGEST_SHARING.join(', ')}` })
  digestSharing: DigestSharing;
}

export class SetMemberDto {
  @ApiProperty({ enum: MEMBER_ROLES })
  @IsIn(MEMBER_ROLES, { message: `role must be one of ${MEMBER_ROLES.join(', ')}` })
  role: MemberRole;
}

export const toInitiativeView = (i: Initiative): InitiativeView => ({
  id: i.id,
  libraryId: i.libraryId,
  title: i.title,
  summary: i.summary,
  audience: i.audience,
  learningQuestion: i.learningQuestion,
  checkInCadenceDays: i.checkInCadenceDays,
  startDate: i.startDate,
  status: i.status,
  digestSharing: i.digestSharing ?? 'everything',
  createdAt: new Date(i.createdAt).toISOString(),
  updatedAt: new Date(i.updatedAt).toISOString(),
});
