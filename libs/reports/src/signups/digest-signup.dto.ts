import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, Matches, MaxLength } from 'class-validator';
import { Trim } from '@r2c/core';

const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class DigestSignupDto {
  @ApiProperty({ example: 'maria.lopez@example.org' })
  @Transform(lower)
  @IsEmail({}, { message: 'email must be an email address such as name@library.org' })
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'Maria Lopez' })
  @Trim()
  @IsString()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name: string;
}

export class ConfirmDigestSignupDto {
  @ApiProperty({ description: 'the token from the confirmation link' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{20,100}$/, { message: 'token must be the token from the confirmation link' })
  token: string;
}

export interface DigestSignupConfirmed {
  email: string;
  subscribed: true;
}
