import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreateLibraryDto, CurrentUser, LibrariesService, Permission, Requires, UpdateLibraryDto } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { PageQuery } from '@r2c/core';
import { UuidParam } from '../common/uuid-param';
import { Answers, Refuses, pageOf } from '../openapi/answers';

@ApiTags('libraries')
@ApiBearerAuth()
@Controller('api/v1/libraries')
export class LibrariesController {
  constructor(private readonly libraries: LibrariesService) {}

  @Post()
  @Requires(Permission.LibrariesManage)
  @Answers(201, 'LibraryView')
  @Refuses({ 403: true })
  create(@CurrentUser() me: Principal, @Body() dto: CreateLibraryDto) {
    return this.libraries.create(me, dto);
  }

  @Get()
  @Requires(Permission.LibrariesRead)
  @Answers(200, pageOf('LibraryView'))
  @Refuses({ 403: true })
  list(@Query() query: PageQuery) {
    return this.libraries.list(query);
  }

  @Get(':id')
  @Requires(Permission.LibrariesRead)
  @Answers(200, 'LibraryView')
  @Refuses({ 403: true, 404: 'No such library' })
  get(@UuidParam('id') id: string) {
    return this.libraries.get(id);
  }

  @Patch(':id')
  @Requires(Permission.LibrariesManage)
  @Answers(200, 'LibraryView')
  @Refuses({ 403: true, 404: 'No such library' })
  update(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() dto: UpdateLibraryDto) {
    return this.libraries.update(me, id, dto);
  }
}
