import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Permission, Requires } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { ReviewQueueService } from '@r2c/cycles';
import { Answers, Refuses } from '../openapi/answers';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('api/v1/review-queue')
export class ReviewQueueController {
  constructor(private readonly queue: ReviewQueueService) {}

  @Get()
  @Requires(Permission.ReviewQueueRead)
  @ApiOperation({ summary: 'Cycles in review (each with its quality nudges) and overdue check-ins across the initiatives the caller coaches; admins see all' })
  @Answers(200, 'ReviewQueue')
  @Refuses({ 403: true })
  get(@CurrentUser() me: Principal) {
    return this.queue.forCaller(me);
  }
}
