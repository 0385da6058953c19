import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IsEmailAddress, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, PASSWORD_RULE, Trim } from '@r2c/core';
import type { InvitationView, MemberRole, Role } from '@r2c/contracts';
import { IsAcceptablePassword, IsOmittable } from '../common/validators';
import { MEMBER_ROLES } from '../initiatives/initiative.entity';
import { ROLES } from '../users/user.entity';
import { Invitation } from './invitation.entity';
import { LINK_TOKEN_PATTERN } from './link-tokens';

export type { InvitationView } from '@r2c/contracts';

const TOKEN_MESSAGE = { message: 'token must be the token from the link in the email (43 letters, digits, - and _)' };

export class CreateInvitationDto {
  @ApiProperty({ example: 'maria.lopez@riverbend.lib.us' })
  @IsEmailAddress()
  email: string;

  @ApiProperty({ example: 'Maria Lopez' })
  @Trim()
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;

  @ApiPropertyOptional({ description: 'the initiative the person joins on accepting' })
  @IsOmittable()
  @IsUUID('all', { message: 'initiativeId must be the id of an initiative' })
  initiativeId?: string;

  @ApiPropertyOptional({
    enum: MEMBER_ROLES,
    description: "their role in the initiative; must be the account's role (a librarian account is a librarian member). Defaults to it.",
  })
  @IsOmittable()
  @IsIn(MEMBER_ROLES, { message: `memberRole must be one of ${MEMBER_ROLES.join(', ')}` })
  memberRole?: MemberRole;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'the token from the link in the invitation email' })
  @IsString()
  @Matches(LINK_TOKEN_PATTERN, TOKEN_MESSAGE)
  token: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH, description: PASSWORD_RULE })
  @IsAcceptablePassword()
  password: string;
}

/** The token of an emailed link, to check before the person types a password (used by the invitation and the reset check alike). */
export class LinkCheckDto {
  @ApiProperty({ description: 'the token from the link in the email' })
  @IsString()
  @Matches(LINK_TOKEN_PATTERN, TOKEN_MESSAGE)
  token: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'maria.lopez@riverbend.lib.us' })
  @IsEmailAddress()
  email: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'the token from the link in the password reset email' })
  @IsString()
  @Matches(LINK_TOKEN_PATTERN, TOKEN_MESSAGE)
  token: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH, description: PASSWORD_RULE })
  @IsAcceptablePassword()
  password: string;
}

export function toInvitationView(invitation: Invitation, now: Date): InvitationView {
  return {
    id: invitation.id,
    email: invitation.email,
    name: invitation.name,
    role: invitation.role,
    initiativeId: invitation.initiativeId,
    memberRole: invitation.memberRole,
    status: invitation.status,
    expiresAt: new Date(invitation.expiresAt).toISOString(),
    expired: new Date(invitation.expiresAt).getTime() <= now.getTime(),
    invitedBy: invitation.invitedBy,
    createdAt: new Date(invitation.createdAt).toISOString(),
  };
}
