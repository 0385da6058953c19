import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { Trim } from '@r2c/core';

export type { StrategyTagView } from '@r2c/contracts';

export class CreateStrategyTagDto {
  @ApiProperty({ example: 'Story circles' })
  @Trim()
  @IsString({ message: 'name must be text' })
  @Length(1, 60, { message: 'name must be 1 to 60 characters' })
  name: string;
}

export class UpdateStrategyTagDto {
  @ApiPropertyOptional({ example: 'Story circles' })
  @IsOptional()
  @Trim()
  @IsString({ message: 'name must be text' })
  @Length(1, 60, { message: 'name must be 1 to 60 characters' })
  name?: string;

  @ApiPropertyOptional({ description: 'true retires the tag (it leaves the picker; cycles keep it); false brings it back' })
  @IsOptional()
  @IsBoolean({ message: 'retired must be true or false' })
  retired?: boolean;
}

export class StrategyTagListQuery {
  @ApiPropertyOptional({ description: 'true lists retired tags too' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'includeRetired must be true or false' })
  includeRetired?: boolean;
}

export class CycleTagsDto {
  @ApiProperty({ type: [String], description: "The strategy tags of the cycle's hypothesis (replaces the ones it had)" })
  @IsArray({ message: 'tagIds must be a list of tag ids' })
  @ArrayMaxSize(12, { message: 'tagIds can hold at most 12 tags' })
  @IsUUID('all', { each: true, message: 'tagIds must hold the ids (UUIDs) of strategy tags' })
  tagIds: string[];
}
