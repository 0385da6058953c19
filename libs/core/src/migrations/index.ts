import { MigrationInterface } from 'typeorm';
import { Access1764000000001 } from './1764000000001-Access';
import { Cycles1764000000002 } from './1764000000002-Cycles';
import { Outbox1764000000003 } from './1764000000003-Outbox';
import { Summaries1764000000004 } from './1764000000004-Summaries';
import { Digests1764000000005 } from './1764000000005-Digests';
import { SurveyInstrument1764000000010 } from './1764000000010-SurveyInstrument';
import { DigestChoices1764000000011 } from './1764000000011-DigestChoices';
import { AdaptationLog1764000000020 } from './1764000000020-AdaptationLog';
import { DigestLinkExpiry1764000000030 } from './1764000000030-DigestLinkExpiry';
import { SignInSecurity1764000000031 } from './1764000000031-SignInSecurity';
import { DigestChoiceOneState1764000000040 } from './1764000000040-DigestChoiceOneState';
import { InvitationsAndResets1764000000050 } from './1764000000050-InvitationsAndResets';
import { DigestSignups1764000000051 } from './1764000000051-DigestSignups';
import { ReviewNotifications1764000000060 } from './1764000000060-ReviewNotifications';
import { DigestSeries1764000000061 } from './1764000000061-DigestSeries';
import { CalendarFeeds1764000000062 } from './1764000000062-CalendarFeeds';
import { OutboxAttachments1764000000066 } from './1764000000066-OutboxAttachments';
import { StrategyTags1764000000070 } from './1764000000070-StrategyTags';
import { SurveyImportPeriods1764000000071 } from './1764000000071-SurveyImportPeriods';

export { STARTER_STRATEGY_TAGS } from './1764000000070-StrategyTags';
export { DIGEST_LINK_EXPIRY_UPGRADE } from './1764000000030-DigestLinkExpiry';

type MigrationClass = new () => MigrationInterface;
import { EvidenceRemoval1764000000072 } from './1764000000072-EvidenceRemoval';
import { SharedMailBodies1764000000080 } from './1764000000080-SharedMailBodies';
import { CyclePhaseEnteredAt1764000000082 } from './1764000000082-CyclePhaseEnteredAt';

/** The schema's whole history, in order. Add a migration here; never edit one that has shipped. */
export const MIGRATIONS: MigrationClass[] = [
  Access1764000000001,
  Cycles1764000000002,
  Outbox1764000000003,
  Summaries1764000000004,
  Digests1764000000005,
  SurveyInstrument1764000000010,
  DigestChoices1764000000011,
  AdaptationLog1764000000020,
  DigestLinkExpiry1764000000030,
  SignInSecurity1764000000031,
  DigestChoiceOneState1764000000040,
  InvitationsAndResets1764000000050,
  DigestSignups1764000000051,
  ReviewNotifications1764000000060,
  DigestSeries1764000000061,
  CalendarFeeds1764000000062,
  OutboxAttachments1764000000066,
  StrategyTags1764000000070,
  SurveyImportPeriods1764000000071,
  EvidenceRemoval1764000000072,
  SharedMailBodies1764000000080,
  CyclePhaseEnteredAt1764000000082,
];
