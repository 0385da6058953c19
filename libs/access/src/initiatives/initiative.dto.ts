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
  @IsUUID('all', { message: 'libraryId must be the id (a UUID) of a library' })
  libraryId: string;

  @ApiProperty({ example: 'Community Conversations at the Branch' })
  @Trim()
  @IsString()
  @Length(1, 200)
  @NoPersonalContact()
  title: string;

  @ApiProperty()
  @Trim()
  @IsString()
  @Length(1, 5000)
  @NoPersonalContact()
  summary: string;

  @ApiProperty({ example: 'Newcomer families and long-time residents' })
  @Trim()
  @IsString()
  @Length(1, 2000)
  @NoPersonalContact()
  audience: string;

  @ApiProperty({ example: 'What helps neighbours who rarely meet feel they belong at the library?' })
  @Trim()
  @IsString()
  @Length(1, 2000)
  @NoPersonalContact()
  learningQuestion: string;

  @ApiProperty({ minimum: 1, maximum: 90, example: 14 })
  @IsInt({ message: 'checkInCadenceDays must be a whole number of days' })
  @Min(1)
  @Max(90)
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
