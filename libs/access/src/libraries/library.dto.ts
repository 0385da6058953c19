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
  @IsString({ message: 'Give the library’s name.' })
  @Length(1, 200, { message: 'The library’s name is needed, in at most 200 characters.' })
  name: string;

  @ApiProperty({ example: 'Riverbend' })
  @Trim()
  @IsString({ message: 'Give the town or city.' })
  @Length(1, 120, { message: 'The town or city is needed, in at most 120 characters.' })
  city: string;

  @ApiProperty({ example: 'MT' })
  @Trim()
  @IsString({ message: 'Give the state.' })
  @Length(2, 60, { message: 'The state is needed: its two-letter code or its name.' })
  state: string;

  @ApiProperty({ enum: COMMUNITY_TYPES })
  @IsIn(COMMUNITY_TYPES, { message: 'Choose the kind of community: urban, suburban, rural or tribal.' })
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
