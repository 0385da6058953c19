import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { DIGEST_FREQUENCIES } from './digest-period';
import type { DigestFrequency } from './digest-period';
import { CUT_SHORT_LINK } from './digest.dto';

export type { DigestPreferenceView, LinkedDigestPreference } from '@r2c/contracts';

export const MONTHLY_RULE = 'Monthly: one digest on the 1st of each month, covering the whole calendar month before (and none of the weekly ones).';

export class DigestFrequencyDto {
  @ApiProperty({ enum: DIGEST_FREQUENCIES, description: `weekly (every digest), monthly (${MONTHLY_RULE}) or none` })
  @IsIn(DIGEST_FREQUENCIES, { message: 'Choose how often: weekly, monthly or none.' })
  frequency: DigestFrequency;
}

export class DigestPreferencesLinkQuery {
  @ApiProperty({ description: 'The signed token from the link in a digest email (the same one its unsubscribe link carries)' })
  @IsString({ message: CUT_SHORT_LINK })
  @Length(1, 200, { message: CUT_SHORT_LINK })
  token: string;

  @ApiPropertyOptional({ enum: DIGEST_FREQUENCIES, description: 'with POST: the new choice' })
  @IsOptional()
  @IsIn(DIGEST_FREQUENCIES, { message: 'Choose how often: weekly, monthly or none.' })
  frequency?: DigestFrequency;
}
