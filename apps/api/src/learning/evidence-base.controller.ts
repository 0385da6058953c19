import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Permission, Requires } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { EvidenceBaseQuery, EvidenceBaseService } from '@r2c/learning';
import { Answers, Refuses } from '../openapi/answers';

@ApiTags('learning')
@ApiBearerAuth()
@Controller('api/v1/evidence-base')
export class EvidenceBaseController {
  constructor(private readonly evidenceBase: EvidenceBaseService) {}

  @Get()
  @Requires(Permission.EvidenceBaseRead)
  @ApiOperation({
    summary:
      'Closed cycles across the coalition, newest closed first: hypothesis, what changed, what the evidence said and the decision. Only the summaries the caller may read (an initiative sharing nothing appears to its own people and admins only)',
  })
  @Answers(200, 'EvidenceBasePage')
  @Refuses({ 403: true })
  search(@CurrentUser() me: Principal, @Query() query: EvidenceBaseQuery) {
    return this.evidenceBase.search(me, query);
  }
}
