import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { AUDITED_ENTITY_TYPES, AuditService, CurrentUser, Permission, Requires } from '@r2c/access';
import type { AuditedEntityType, Principal } from '@r2c/access';
import { PageQuery } from '@r2c/core';
import { Answers, Refuses, pageOf } from '../openapi/answers';

class AuditQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: AUDITED_ENTITY_TYPES })
  @IsOptional()
  @IsIn(AUDITED_ENTITY_TYPES, { message: `entityType must be one of ${AUDITED_ENTITY_TYPES.join(', ')}` })
  entityType?: AuditedEntityType;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  entityId?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Requires(Permission.AuditRead)
  @Answers(200, pageOf('AuditEntryView'))
  @Refuses({ 403: true })
  async list(@CurrentUser() me: Principal, @Query() query: AuditQueryDto) {
    const page = await this.audit.list(me, query);
    return { items: page.items.map((a) => ({ ...a, at: new Date(a.at).toISOString() })), total: page.total };
  }
}
