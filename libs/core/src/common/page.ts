import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * The largest offset a list takes. Far beyond any list a coalition keeps, and well inside the
 * integers SQLite and PostgreSQL accept: a larger number (1e20, 1e308) reached the SQL and failed there.
 */
export const MAX_OFFSET = 1_000_000_000;
export const MAX_LIMIT = 100;

const offsetRange = { message: `offset must be a whole number from 0 to ${MAX_OFFSET}` };
const limitRange = { message: `limit must be a whole number from 1 to ${MAX_LIMIT}` };

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LIMIT, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt(limitRange)
  @Min(1, limitRange)
  @Max(MAX_LIMIT, limitRange)
  limit: number = 20;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_OFFSET, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt(offsetRange)
  @Min(0, offsetRange)
  @Max(MAX_OFFSET, offsetRange)
  offset: number = 0;
}

export type { Page } from '@r2c/contracts';
