import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreateLibraryDto, CurrentUser, LibrariesService, Permission, Requires, UpdateLibraryDto } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { PageQuery } from '@r2c/core';
import { UuidParam } from '../common/uuid-param';

@ApiTags('libraries')
@ApiBearerAuth()
@Controller('api/v1/libraries')
export class LibrariesController {
  constructor(private readonly libraries: LibrariesService) {}

  @Post()
  @Requires(Permission.LibrariesManage)
  create(@CurrentUser() me: Principal, @Body() dto: CreateLibraryDto) {
    return this.libraries.create(me, dto);
  }

  @Get()
  @Requires(Permission.LibrariesRead)
  list(@Query() query: PageQuery) {
    return this.libraries.list(query);
  }

  @Get(':id')
  @Requires(Permission.LibrariesRead)
  get(@UuidParam('id') id: string) {
    return this.libraries.get(id);
  }

  @Patch(':id')
  @Requires(Permission.LibrariesManage)
  update(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() dto: UpdateLibraryDto) {
    return this.libraries.update(me, id, dto);
  }
}
