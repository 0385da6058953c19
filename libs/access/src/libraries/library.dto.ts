import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { IsTimeZone } from '../common/validators';
import { COMMUNITY_TYPES, Library } from './library.entity';
import type { CommunityType } from './library.entity';
import { Trim } from '@r2c/core';
import type { LibraryView } from '@r2c/contracts';

export type { LibraryView } from '@r2c/contracts';

export class CreateLibraryDto {
  @ApiProperty({ example: 'Riverbend Public Library' })
  @Trim()
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: 'Riverbend' })
  @Trim()
  @IsString()
  @Length(1, 120)
  city: string;

  @ApiProperty({ example: 'MT' })
  @Trim()
  @IsString()
  @Length(2, 60)
  state: string;

  @ApiProperty({ enum: COMMUNITY_TYPES })
  @IsIn(COMMUNITY_TYPES, { message: `communityType must be one of ${COMMUNITY_TYPES.join(', ')}` })
  communityType: CommunityType;

  @ApiProperty({ example: 'America/Denver' })
  @IsTimeZone()
  timezone: string;
}

/** Fields may be left out; null is validated like any other value (and refused), since every column is required. */
export class UpdateLibraryDto extends PartialType(CreateLibraryDto, { skipNullProperties: false }) {}

export const toLibraryView = (l: Library): LibraryView => ({
  id: l.id,
  name: l.name,
  city: l.city,
  state: l.state,
  communityType: l.communityType,
  timezone: l.timezone,
  createdAt: new Date(l.createdAt).toISOString(),
});
