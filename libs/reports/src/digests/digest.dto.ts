import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsCalendarDate } from '@r2c/access';
import type { DigestListItem, DigestView } from '@r2c/contracts';
import { Digest } from './digest.entity';

export type { DigestListItem, DigestRunAnswer, DigestView } from '@r2c/contracts';

export class RunDigestDto {
  @ApiPropertyOptional({ example: '2026-03-09', description: 'First day (YYYY-MM-DD, in DIGEST_TIMEZONE); alone, the period is the week from it' })
  @IsOptional()
  @IsCalendarDate()
  periodStart?: string;

  @ApiPropertyOptional({ example: '2026-03-15', description: 'Last day, included; alone, the period is the week up to it. Neither: the week before today' })
  @IsOptional()
  @IsCalendarDate()
  periodEnd?: string;
}

export const DIGEST_FORMATS = ['json', 'html', 'text'] as const;
export type DigestFormat = (typeof DIGEST_FORMATS)[number];

export class DigestFormatQuery {
  @ApiPropertyOptional({ enum: DIGEST_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(DIGEST_FORMATS, { message: `format must be one of ${DIGEST_FORMATS.join(', ')}` })
  format: DigestFormat = 'json';
}

export class UnsubscribeQuery {
  @ApiProperty({ description: 'The signed token from the link in a digest email' })
  @IsString()
  @Length(1, 200)
  token: string;
}

/** RFC 8058 one-click: mail clients POST exactly `List-Unsubscribe=One-Click` to the link. */
export class OneClickUnsubscribeBody {
  @ApiPropertyOptional({ enum: ['One-Click'], name: 'List-Unsubscribe' })
  @IsOptional()
  @IsIn(['One-Click'])
  'List-Unsubscribe'?: string;
}

export const toDigestListItem = (d: Pick<Digest, 'id' | 'periodStart' | 'periodEnd' | 'compiledAt' | 'recipients'>): DigestListItem => ({
  id: d.id,
  periodStart: d.periodStart,
  periodEnd: d.periodEnd,
  compiledAt: new Date(d.compiledAt).toISOString(),
  recipients: d.recipients,
});

export const toDigestView = (d: Digest): DigestView => ({ ...toDigestListItem(d), content: d.content });
