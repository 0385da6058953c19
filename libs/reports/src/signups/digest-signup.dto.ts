import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { IsEmailAddress, Trim } from '@r2c/core';

export class DigestSignupDto {
  @ApiProperty({ example: 'maria.lopez@example.org' })
  @IsEmailAddress()
  email: string;

  @ApiProperty({ example: 'Maria Lopez' })
  @Trim()
  @IsString()
  @Length(1, 200, { message: 'Your name is needed, in at most 200 characters.' })
  name: string;
}

export class ConfirmDigestSignupDto {
  @ApiProperty({ description: 'the token from the confirmation link' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{20,100}$/, { message: 'token must be the token from the confirmation link' })
  token: string;
}

export type { DigestSignupConfirmed } from '@r2c/contracts';
