import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsEmailAddress, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, PageQuery, PASSWORD_RULE, Trim, TrimLowerCase } from '@r2c/core';
import { IsAcceptablePassword, IsOmittable } from '../common/validators';
import { ROLES, User } from './user.entity';
import type { Role } from './user.entity';
import type { UserView } from '@r2c/contracts';

export type { UserView } from '@r2c/contracts';

export class CreateUserDto {
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

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH, description: PASSWORD_RULE })
  @IsAcceptablePassword()
  password: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOmittable()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ description: 'false deactivates the account; its tokens stop working at once' })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    minLength: MIN_PASSWORD_LENGTH,
    maxLength: MAX_PASSWORD_LENGTH,
    description: `sets a new password and signs the person out everywhere. ${PASSWORD_RULE}`,
  })
  @IsOmittable()
  @IsAcceptablePassword()
  password?: string;
}

export class UserListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ description: 'accounts whose name or email contains this text, whatever its case' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: active accounts only; false: deactivated ones only' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

export class ImportSubscribersDto {
  @ApiProperty({
    description:
      'The list as CSV text: a header row naming email and name (any order and case), then one person a line; `,` or `;` between cells; at most 5,000 lines',
    example: 'email,name\nmaria.lopez@riverbend.lib.us,Maria Lopez\n',
  })
  @IsString()
  csv: string;

  @ApiPropertyOptional({ description: 'true: check the list and answer the counts without creating anyone' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export type { SubscriberImportResult } from '@r2c/contracts';

export class LoginDto {
  @ApiProperty()
  @TrimLowerCase()
  @IsString()
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(MAX_PASSWORD_LENGTH)
  currentPassword: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH, description: PASSWORD_RULE })
  @IsAcceptablePassword()
  newPassword: string;
}

export function toUserView(user: User): UserView {
  return { id: user.id, email: user.email, name: user.name, role: user.role, active: user.active, createdAt: new Date(user.createdAt).toISOString() };
}
