import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, Length, MaxLength, MinLength } from 'class-validator';
import { PageQuery, Trim } from '@r2c/core';
import { IsOmittable } from '../common/validators';
import { MIN_PASSWORD_LENGTH } from './passwords';
import { ROLES, User } from './user.entity';
import type { Role } from './user.entity';
import type { UserView } from '@r2c/contracts';

export type { UserView } from '@r2c/contracts';

const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class CreateUserDto {
  @ApiProperty({ example: 'maria.lopez@riverbend.lib.us' })
  @Transform(lower)
  @IsEmail({}, { message: 'email must be an email address such as name@library.org' })
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'Maria Lopez' })
  @Trim()
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: `password must be at least ${MIN_PASSWORD_LENGTH} characters long` })
  @MaxLength(200)
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

  @ApiPropertyOptional({ minLength: MIN_PASSWORD_LENGTH, description: 'sets a new password' })
  @IsOmittable()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: `password must be at least ${MIN_PASSWORD_LENGTH} characters long` })
  @MaxLength(200)
  password?: string;
}

export class UserListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}

export class LoginDto {
  @ApiProperty()
  @Transform(lower)
  @IsString()
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  password: string;
}

export function toUserView(user: User): UserView {
  return { id: user.id, email: user.email, name: user.name, role: user.role, active: user.active, createdAt: new Date(user.createdAt).toISOString() };
}
