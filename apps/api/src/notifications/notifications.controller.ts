import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { PageQuery } from '@r2c/core';
import { MarkReadDto, NotificationSettingsDto, NotificationsService } from '@r2c/notifications';
import { Answers, AnswersNothing } from '../openapi/answers';

/** The caller's own review notifications and their choice for review emails. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1/me')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @ApiOperation({ summary: "The caller's notifications, newest first, with how many there are and how many are unread" })
  @Answers(200, 'NotificationsPage')
  inbox(@CurrentUser() me: Principal, @Query() page: PageQuery) {
    return this.notifications.inbox(me, page);
  }

  @Post('notifications/read')
  @HttpCode(204)
  @ApiOperation({ summary: "Marks the caller's notifications read: those named in ids, or all of them when ids is left out" })
  @AnswersNothing('Marked read')
  async read(@CurrentUser() me: Principal, @Body() dto: MarkReadDto): Promise<void> {
    await this.notifications.markRead(me, dto.ids);
  }

  @Get('notification-settings')
  @ApiOperation({ summary: 'How review emails reach the caller: immediately (the default), daily or off' })
  @Answers(200, 'NotificationSettingsView')
  settings(@CurrentUser() me: Principal) {
    return this.notifications.settings(me);
  }

  @Put('notification-settings')
  @ApiOperation({ summary: 'Chooses how review emails reach the caller; the inbox gets every event whatever the choice' })
  @Answers(200, 'NotificationSettingsView')
  choose(@CurrentUser() me: Principal, @Body() dto: NotificationSettingsDto) {
    return this.notifications.choose(me, dto.reviewEmails);
  }
}
