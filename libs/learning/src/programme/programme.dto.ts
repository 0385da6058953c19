import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PROGRAMME_SORTS } from '@r2c/contracts';
import type { ProgrammeSort } from '@r2c/contracts';

export type { ProgrammeRow, ProgrammeSort, ProgrammeView } from '@r2c/contracts';

export class ProgrammeQuery {
  @ApiPropertyOptional({ enum: PROGRAMME_SORTS, default: 'library' })
  @IsOptional()
  @IsIn(PROGRAMME_SORTS, { message: `sort must be one of: ${PROGRAMME_SORTS.join(', ')}` })
  sort?: ProgrammeSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'direction must be asc or desc' })
  direction?: 'asc' | 'desc';
}
