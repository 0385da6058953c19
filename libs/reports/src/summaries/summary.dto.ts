import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';

export type { SummaryRequested } from '@r2c/contracts';

export const SUMMARY_FORMATS = ['json', 'md', 'html'] as const;
export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

export class SummaryQuery {
  @ApiPropertyOptional({
    enum: SUMMARY_FORMATS,
    default: 'json',
    description: 'json (application/json), md (text/markdown) or html (text/html, with a run chart per indicator)',
  })
  @IsOptional()
  @IsIn(SUMMARY_FORMATS, { message: `format must be one of ${SUMMARY_FORMATS.join(', ')}` })
  format: SummaryFormat = 'json';

  @ApiPropertyOptional({ minimum: 1, description: 'a compiled version; the latest when left out' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'version must be a whole number' })
  @Min(1)
  version?: number;
}
