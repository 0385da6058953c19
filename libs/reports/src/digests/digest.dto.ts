import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsCalendarDate } from '@r2c/access';
import { DIGEST_SERIES } from '@r2c/contracts';
import type { DigestListItem, DigestSeries, DigestView } from '@r2c/contracts';
import { Digest } from './digest.entity';

export type { DigestListItem, DigestPreview, DigestRunAnswer, DigestView } from '@r2c/contracts';

const SERIES_DOC = 'weekly (default): sent to those who chose weekly; monthly: to those who chose monthly, normally a whole calendar month';

export class RunDigestDto {
  @ApiPropertyOptional({
    example: '2026-03-09',
    description: 'First day (YYYY-MM-DD, in DIGEST_TIMEZONE); alone, the period is the week (monthly: the calendar month) from it',
  })
  @IsOptional()
  @IsCalendarDate()
  periodStart?: string;

  @ApiPropertyOptional({
    example: '2026-03-15',
    description: 'Last day, included; alone, the period is the week up to it (monthly: its calendar month). Neither: the week (month) before today',
  })
  @IsOptional()
  @IsCalendarDate()
  periodEnd?: string;

  @ApiPropertyOptional({ enum: DIGEST_SERIES, default: 'weekly', description: SERIES_DOC })
  @IsOptional()
  @IsIn(DIGEST_SERIES, { message: `series must be one of ${DIGEST_SERIES.join(', ')}` })
  series?: DigestSeries;
}

export class PreviewDigestDto {
  @ApiProperty({ example: '2026-11-01', description: 'First day (YYYY-MM-DD, in DIGEST_TIMEZONE)' })
  @IsCalendarDate()
  periodStart: string;

  @ApiProperty({ example: '2026-11-30', description: 'Last day, included; on or after periodStart, at most 366 days in all' })
  @IsCalendarDate()
  periodEnd: string;

  @ApiPropertyOptional({ enum: DIGEST_SERIES, default: 'weekly', description: SERIES_DOC })
  @IsOptional()
  @IsIn(DIGEST_SERIES, { message: `series must be one of ${DIGEST_SERIES.join(', ')}` })
  series?: DigestSeries;
}

export const DIGEST_FORMATS = ['json', 'html', 'text'] as const;
export type DigestFormat = (typeof DIGEST_FORMATS)[number];

export class DigestFormatQuery {
  @ApiPropertyOptional({ enum: DIGEST_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(DIGEST_FORMATS, { message: `format must be one of ${DIGEST_FORMATS.join(', ')}` })
  format: DigestFormat = 'json';
}

/** What a link with a missing or mangled token says: most often the address was cut short when the email was copied, forwarded or wrapped. */
export const CUT_SHORT_LINK = 'This link is not complete: part of it was probably cut off when the email was copied, forwarded or wrapped.';

export class UnsubscribeQuery {
  @ApiProperty({ description: 'The signed token from the link in a digest email' })
  @IsString({ message: CUT_SHORT_LINK })
  @Length(1, 200, { message: CUT_SHORT_LINK })
  token: string;
}

/** RFC 8058 one-click: mail clients POST exactly `List-Unsubscribe=One-Click` to the link. */
export class OneClickUnsubscribeBody {
  @ApiPropertyOptional({ enum: ['One-Click'], name: 'List-Unsubscribe' })
  @IsOptional()
  @IsIn(['One-Click'])
  'List-Unsubscribe'?: string;
}

export const toDigestListItem = (d: Pick<Digest, 'id' | 'series' | 'periodStart' | 'periodEnd' | 'compiledAt' | 'recipients'>): DigestListItem => ({
  id: d.id,
  series: d.series,
  periodStart: d.periodStart,
  periodEnd: d.periodEnd,
  compiledAt: new Date(d.compiledAt).toISOString(),
  recipients: d.recipients,
});

/** Overdue check-ins are named only to those whose copy names them (coaches, and admins). */
export const toDigestView = (d: Digest, namesOverdue: boolean): DigestView => ({
  ...toDigestListItem(d),
  content: namesOverdue ? d.content : { ...d.content, overdueCheckIns: [] },
});
