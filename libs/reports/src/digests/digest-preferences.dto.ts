import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { DIGEST_FREQUENCIES } from './digest-period';
import type { DigestFrequency } from './digest-period';

export type { DigestPreferenceView, LinkedDigestPreference } from '@r2c/contracts';

export const MONTHLY_RULE = 'Monthly: one digest on the 1st of each month, covering the whole calendar month before (and none of the weekly ones).';

export class DigestFrequencyDto {
  @ApiProperty({ enum: DIGEST_FREQUENCIES, description: `weekly (every digest), monthly (${MONTHLY_RULE}) or none` })
  @IsIn(DIGEST_FREQUENCIES, { message: `frequency must be one of ${DIGEST_FREQUENCIES.join(', ')}` })
  frequency: DigestFrequency;
}

export class DigestPreferencesLinkQuery {
  @ApiProperty({ description: 'The signed token from the link in a digest email (the same one its unsubscribe link carries)' })
  @IsString()
  @Length(1, 200)
  token: string;

  @ApiPropertyOptional({ enum: DIGEST_FREQUENCIES, description: 'with POST: the new choice' })
  @IsOptional()
  @IsIn(DIGEST_FREQUENCIES, { message: `frequency must be one of ${DIGEST_FREQUENCIES.join(', ')}` })
  frequency?: DigestFrequency;
}
