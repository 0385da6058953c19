import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CreateInitiativeDto, UpdateInitiativeDto } from '@r2c/access';
import {
  AdaptationDto,
  CreateCheckInDto,
  CreateCycleDto,
  CreateEvidenceDto,
  CreateIndicatorDto,
  GatheringDto,
  HypothesisDto,
  LogAdaptationDto,
  PredictionDto,
  ReflectionDto,
  ReviewDto,
} from '@r2c/cycles';
import { CreateSurveyItemDto, UpdateSurveyDto, UpdateSurveyItemDto } from '@r2c/surveys';

type Dto = new () => object;

/** Every free-text field a person types about the programme and its participants. */
const FIELDS: [Dto, string][] = [
  [CreateInitiativeDto, 'title'],
  [CreateInitiativeDto, 'summary'],
  [CreateInitiativeDto, 'audience'],
  [CreateInitiativeDto, 'learningQuestion'],
  [UpdateInitiativeDto, 'summary'],
  [UpdateInitiativeDto, 'audience'],
  [CreateCycleDto, 'title'],
  [HypothesisDto, 'statement'],
  [HypothesisDto, 'expectedOutcome'],
  [HypothesisDto, 'rationale'],
  [HypothesisDto, 'learningQuestion'],
  [PredictionDto, 'note'],
  [AdaptationDto, 'description'],
  [GatheringDto, 'whyGather'],
  [GatheringDto, 'desiredOutcome'],
  [GatheringDto, 'invitation'],
  [GatheringDto, 'opening'],
  [GatheringDto, 'closing'],
  [GatheringDto, 'timeToReflect'],
  [ReflectionDto, 'insights'],
  [ReflectionDto, 'nextSteps'],
  [ReviewDto, 'body'],
  [CreateEvidenceDto, 'text'],
  [CreateEvidenceDto, 'source'],
  [CreateCheckInDto, 'note'],
  [CreateCheckInDto, 'blockers'],
  [CreateCheckInDto, 'helpWanted'],
  [LogAdaptationDto, 'whatChanged'],
  [LogAdaptationDto, 'decidedBy'],
  [LogAdaptationDto, 'reason'],
  [CreateIndicatorDto, 'name'],
  [CreateIndicatorDto, 'unit'],
  [CreateIndicatorDto, 'description'],
  [UpdateSurveyDto, 'title'],
  [CreateSurveyItemDto, 'text'],
  [CreateSurveyItemDto, 'outcome'],
  [UpdateSurveyItemDto, 'text'],
  [UpdateSurveyItemDto, 'outcome'],
];

async function problemsOf(dto: Dto, field: string, value: unknown): Promise<string[]> {
  const errors = await validate(plainToInstance<object, Record<string, unknown>>(dto, { [field]: value }));
  return Object.keys(errors.find((e) => e.property === field)?.constraints ?? {});
}

describe('the personal-contact guard on every free-text field about participants', () => {
  it.each(FIELDS.map(([dto, field]) => [dto.name, field, dto] as const))(
    '%s.%s refuses a disguised email address and phone number, and keeps programme text',
    async (_name, field, dto) => {
      expect(await problemsOf(dto, field, 'Ask ana＠riverbend。org')).toContain('noPersonalContact');
      expect(await problemsOf(dto, field, 'Call （４０６）５５５－０１９９')).toContain('noPersonalContact');
      expect(await problemsOf(dto, field, '120 people, 2026-03-12')).not.toContain('noPersonalContact');
    },
  );

  it('UpdateSurveyDto.scaleLabels refuses a label holding contact details', async () => {
    expect(await problemsOf(UpdateSurveyDto, 'scaleLabels', ['No', 'Rarely', 'Sometimes', 'Often', 'ana\u200B@example.org'])).toContain('noPersonalContact');
    expect(await problemsOf(UpdateSurveyDto, 'scaleLabels', ['1 – never', '2', '3', '4', '5 – always'])).not.toContain('noPersonalContact');
  });
});
