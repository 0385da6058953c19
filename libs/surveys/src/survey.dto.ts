import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBase64,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsOmittable } from '@r2c/access';
import { DATE_ORDERS, MAX_CSV_CHARACTERS, MAX_FILE_BASE64_CHARACTERS, SURVEY_PERIODS } from '@r2c/contracts';
import type { DateOrder, SurveyPeriod } from '@r2c/contracts';
import { NoPersonalContact, Trim } from '@r2c/core';

export { MAX_CSV_CHARACTERS, MAX_FILE_BASE64_CHARACTERS } from '@r2c/contracts';

export class UpdateSurveyDto {
  @ApiPropertyOptional({ example: 'How did this feel to you?' })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, 200)
  @NoPersonalContact()
  title?: string;

  @ApiPropertyOptional({
    type: [String],
    minItems: 5,
    maxItems: 5,
    example: ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'],
    description: 'the words for 1 to 5, as the form shows them',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(5, { message: 'scaleLabels must list exactly five labels, for 1 to 5' })
  @ArrayMaxSize(5, { message: 'scaleLabels must list exactly five labels, for 1 to 5' })
  @IsString({ each: true })
  @Length(1, 60, { each: true })
  @NoPersonalContact({ each: true })
  scaleLabels?: string[];
}

export class CreateSurveyItemDto {
  @ApiProperty({ example: 'I trust the library.', description: 'the statement respondents rate 1–5; columns of an import are matched to it by these words' })
  @Trim()
  @IsString()
  @Length(1, 500)
  @NoPersonalContact()
  text: string;

  @ApiProperty({ example: 'Trust in the library', description: 'the social-cohesion outcome the statement speaks to' })
  @Trim()
  @IsString()
  @Length(1, 120)
  @NoPersonalContact()
  outcome: string;

  @ApiProperty({ description: 'a 1–5 scale indicator of this initiative: each import records the item’s mean on it' })
  @IsUUID('all', { message: 'indicatorId must be an indicator id (a UUID)' })
  indicatorId: string;
}

export class UpdateSurveyItemDto extends PartialType(CreateSurveyItemDto, { skipNullProperties: false }) {
  @ApiPropertyOptional({ minimum: 1, description: 'where the item stands in the survey (1 is first); the others move to make room' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(500)
  position?: number;
}

const noFileSent = (o: SurveyCsvDto) => o.csv === undefined && o.csvFile === undefined && o.xlsx === undefined;

/** The responses file: one of csv (text), csvFile or xlsx (base64 bytes). */
export class SurveyCsvDto {
  @ApiPropertyOptional({
    description: `the responses exported from Google Forms ("Download responses (.csv)") or Microsoft Forms (saved as CSV), as text; up to ${MAX_CSV_CHARACTERS} characters. Send this, csvFile or xlsx`,
  })
  @ValidateIf((o: SurveyCsvDto) => o.csv !== undefined || noFileSent(o))
  @IsString({ message: 'csv must be the responses file (send csv as text, or csvFile or xlsx in base64)' })
  @Length(1, MAX_CSV_CHARACTERS)
  csv?: string;

  @ApiPropertyOptional({
    description: `the .csv file's bytes in base64 (up to ${MAX_FILE_BASE64_CHARACTERS} characters): a file that is not valid UTF-8 is read as Windows-1252, as Excel on Windows saves CSV, and the preview says so`,
  })
  @ValidateIf((o: SurveyCsvDto) => o.csvFile !== undefined)
  @IsString()
  @Length(1, MAX_FILE_BASE64_CHARACTERS, { message: `csvFile must be a file of at most ${MAX_FILE_BASE64_CHARACTERS} base64 characters` })
  @IsBase64(undefined, { message: 'csvFile must be the file in base64' })
  csvFile?: string;

  @ApiPropertyOptional({
    description: `an .xlsx workbook in base64 (up to ${MAX_FILE_BASE64_CHARACTERS} characters), as Microsoft Forms' "Open results in Excel" saves it; the first sheet is read`,
  })
  @ValidateIf((o: SurveyCsvDto) => o.xlsx !== undefined)
  @IsString()
  @Length(1, MAX_FILE_BASE64_CHARACTERS, { message: `xlsx must be a workbook of at most ${MAX_FILE_BASE64_CHARACTERS} base64 characters` })
  @IsBase64(undefined, { message: 'xlsx must be the workbook in base64' })
  xlsx?: string;

  @ApiPropertyOptional({ enum: DATE_ORDERS, description: 'how the file writes numeric dates such as 02/03/2026 when the dates themselves do not tell' })
  @IsOptional()
  @IsIn(DATE_ORDERS, { message: 'dateOrder must be month_first (3/2/2026 is 2 March) or day_first (2/3/2026 is 2 March)' })
  dateOrder?: DateOrder;
}

export class ColumnMappingDto {
  @ApiProperty({ minimum: 0, description: 'the column’s index in the header row, as the preview gives it (0 is the first column)' })
  @IsInt()
  @Min(0)
  @Max(999)
  column: number;

  @ApiProperty({ description: 'the survey item whose answers the column holds' })
  @IsUUID('all', { message: 'itemId must be a survey item id (a UUID)' })
  itemId: string;
}

export class PreviewSurveyImportDto extends SurveyCsvDto {
  @ApiPropertyOptional({
    type: [ColumnMappingDto],
    description: 'check the rows against this mapping (as the import would) instead of the one the headers suggest; personal columns are refused as at import',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ColumnMappingDto)
  mapping?: ColumnMappingDto[];
}

export class CommitSurveyImportDto extends SurveyCsvDto {
  @ApiProperty({
    description:
      'the initiative’s open cycle: answers after the change land in its evidence or reflection phase, a baseline (timing before) from its hypothesis phase on',
  })
  @IsUUID('all', { message: 'cycleId must be a cycle id (a UUID)' })
  cycleId: string;

  @ApiProperty({ type: [ColumnMappingDto], description: 'which column holds which item; only these columns are read and stored' })
  @IsArray()
  @ArrayMinSize(1, { message: 'mapping must map at least one column to an item' })
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ColumnMappingDto)
  mapping: ColumnMappingDto[];

  @ApiPropertyOptional({ example: '2026-03-20', description: 'the day the evidence is dated; by default the last response’s day, or today' })
  @IsOptional()
  @IsCalendarDate()
  observedOn?: string;

  @ApiPropertyOptional({
    enum: SURVEY_PERIODS,
    default: 'after',
    description: 'before: the cycle’s baseline, answered before its change (stored as answers, no evidence entries); after: evidence for the cycle',
  })
  @IsOptional()
  @IsIn(SURVEY_PERIODS, { message: 'timing must be before (answered before the change) or after' })
  timing?: SurveyPeriod;

  @ApiPropertyOptional({ enum: SURVEY_PERIODS, description: 'the same as timing' })
  @IsOptional()
  @IsIn(SURVEY_PERIODS, { message: 'period must be before (answered before the change) or after' })
  period?: SurveyPeriod;

  @ApiPropertyOptional({
    description: 'split the file at the cycle’s change date (its adaptation’s date): two imports, before and after, stored together or not at all',
  })
  @IsOptional()
  @IsBoolean({ message: 'split must be true or false' })
  split?: boolean;
}
