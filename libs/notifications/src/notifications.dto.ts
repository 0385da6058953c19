import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import { REVIEW_EMAIL_CHOICES } from '@r2c/contracts';
import type { ReviewEmailChoice } from '@r2c/contracts';

export type { NotificationSettingsView, NotificationsPage, NotificationView } from '@r2c/contracts';

export const MAX_IDS_PER_READ = 500;

export class NotificationSettingsDto {
  @ApiProperty({
    enum: REVIEW_EMAIL_CHOICES,
    description: 'immediately (one email per event), daily (one email a day at 09:00 in DIGEST_TIMEZONE listing them) or off',
  })
  @IsIn(REVIEW_EMAIL_CHOICES, { message: `reviewEmails must be one of ${REVIEW_EMAIL_CHOICES.join(', ')}` })
  reviewEmails: ReviewEmailChoice;
}

export class MarkReadDto {
  @ApiPropertyOptional({ type: [String], description: "The caller's notifications to mark read; all of them when left out. Others' ids are ignored." })
  @IsOptional()
  @IsArray({ message: 'ids must be a list of notification ids' })
  @ArrayMaxSize(MAX_IDS_PER_READ, { message: `ids may name at most ${MAX_IDS_PER_READ} notifications at once` })
  @IsUUID('all', { each: true, message: 'ids must hold notification ids' })
  ids?: string[];
}
