import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Permission, Requires } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { ProgrammeQuery, ProgrammeService } from '@r2c/learning';
import { Answers, Refuses } from '../openapi/answers';

@ApiTags('learning')
@ApiBearerAuth()
@Controller('api/v1/programme')
export class ProgrammeController {
  constructor(private readonly programme: ProgrammeService) {}

  @Get()
  @Requires(Permission.ProgrammeRead)
  @ApiOperation({
    summary:
      'Every active or paused pilot side by side: library, cycle number and phase, days in phase, last check-in, overdue days, open nudges and chart signals; sortable by any column',
  })
  @Answers(200, 'ProgrammeView')
  @Refuses({ 403: 'The caller is not programme staff (admin)' })
  view(@CurrentUser() me: Principal, @Query() query: ProgrammeQuery) {
    return this.programme.view(me, query.sort, query.direction);
  }
}
