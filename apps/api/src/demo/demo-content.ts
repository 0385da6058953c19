import type { CommunityType } from '@r2c/access';
import type {
  AdaptationPlanning,
  Decision,
  Direction,
  EvidenceKind,
  EvidenceMethod,
  FidelityAnswer,
  Gathering,
  IndicatorKind,
  Outcome,
  Permanence,
  Phase,
  ReviewVerdict,
  WorkingPhase,
} from '@r2c/cycles';

/**
 * The demo coalition: seven fictional pilot libraries, their people and their R2C cycles, written in
 * the words of the coalition's own documents (trust-building initiative, R2C, the gathering
 * checklist, the relationship audit, icebreakers, belonging). Dates are days before the seed runs,
 * so the demo always looks current.
 */

export const DEMO_EMAIL_DOMAIN = 'demo.r2c.example';
export const DEMO_LABEL = '(demo)';

export interface DemoPerson {
  key: string;
  name: string;
  /** The part before @demo.r2c.example. */
  mailbox: string;
}

export interface DemoIndicator {
  /** How the cycles below refer to it. */
  ref: string;
  templateKey?: string;
  custom?: { name: string; unit: string; kind: IndicatorKind; direction: Direction; description: string };
  baseline?: number;
  target?: number;
}

export interface DemoEvidence {
  kind: EvidenceKind;
  indicator?: string;
  value?: number;
  text?: string;
  daysAgo: number;
  method: EvidenceMethod;
  source?: string;
  sampleSize?: number;
}

export interface DemoReview {
  verdict: ReviewVerdict;
  body: string;
  returnTo?: WorkingPhase;
  /** For request_changes: the librarian's revised reflection before sending the cycle back to review. */
  revisedInsights?: string;
}

export interface DemoCycle {
  title: string;
  /** Names from the strategy tags' starter list, for the evidence base. */
  strategies?: string[];
  startedDaysAgo: number;
  plannedDays: number;
  /** The phase the demo leaves the cycle in. */
  phase: Phase;
  hypothesis: {
    statement: string;
    expectedOutcome: string;
    rationale: string;
    learningQuestion?: string;
    indicators: string[];
    predictions?: { indicator: string; from?: number; to: number; note?: string }[];
  };
  adaptation?: { description: string; implementedDaysAgo: number; sessionsHeld?: number; participantsReached?: number; gathering?: Gathering };
  /** Changes to the programme during the cycle, in the adaptation log. */
  adaptationLog?: {
    daysAgo: number;
    whatChanged: string;
    decidedBy: string;
    planning: AdaptationPlanning;
    reason: string;
    fidelityConsistent: FidelityAnswer;
    permanence: Permanence;
  }[];
  evidence?: DemoEvidence[];
  reflection?: Partial<{ outcome: Outcome; insights: string; decision: Decision; nextSteps: string }>;
  reviews?: DemoReview[];
}

export interface DemoPilot {
  library: { name: string; city: string; state: string; communityType: CommunityType; timezone: string };
  initiative: { title: string; summary: string; audience: string; learningQuestion: string; checkInCadenceDays: number; startedDaysAgo: number };
  librarian: DemoPerson;
  coach: string;
  indicators: DemoIndicator[];
  cycles: DemoCycle[];
  checkIns: { note: string; blockers?: string; helpWanted?: string }[];
}

export const DEMO_ADMIN: DemoPerson = { key: 'admin', name: 'Programme Staff (demo)', mailbox: 'admin' };

export const DEMO_COACHES: DemoPerson[] = [
  { key: 'marisol', name: 'Marisol Vega', mailbox: 'marisol.vega' },
  { key: 'grace', name: 'Grace Okafor', mailbox: 'grace.okafor' },
  { key: 'daniel', name: 'Daniel Kim', mailbox: 'daniel.kim' },
];

/** Librarians elsewhere in the network who read the digests. */
export const DEMO_SUBSCRIBERS: DemoPerson[] = [
  { key: 'helen', name: 'Helen Brooks', mailbox: 'helen.brooks' },
  { key: 'omar', name: 'Omar Haddad', mailbox: 'omar.haddad' },
  { key: 'rosa', name: 'Rosa Delgado', mailbox: 'rosa.delgado' },
];

const LAKESHORE: DemoPilot = {
  library: { name: 'Lakeshore City Public Library (demo)', city: 'Lakeshore City', state: 'IL', communityType: 'urban', timezone: 'America/Chicago' },
  initiative: {
    title: 'Coffee & Conversation at the Eastside Branch',
    summary:
      "Monthly Coffee & Conversation mornings, after the Dallas Public Library programme model: neighbours from across the branch's social and political divides talk over coffee at small hosted tables. The library is a place for everyone, and ideological differences shouldn't decide who gets into the room.",
    audience: 'Long-time Eastside residents and newcomers, including people who rarely use the library',
    learningQuestion: 'What helps neighbours who disagree feel safe enough to talk with each other at the library?',
    checkInCadenceDays: 14,
    startedDaysAgo: 120,
  },
  librarian: { key: 'denise', name: 'Denise Carter', mailbox: 'denise.carter' },
  coach: 'marisol',
  indicators: [
    { ref: 'attendance', templateKey: 'attendance', baseline: 12, target: 25 },
    { ref: 'repeat', templateKey: 'repeat_attendance', baseline: 3, target: 10 },
    { ref: 'crossGroup', templateKey: 'cross_group_conversations', baseline: 2, target: 6 },
    { ref: 'trust', templateKey: 'trust_in_library', baseline: 3.4, target: 4 },
  ],
  cycles: [
    {
      title: 'Hosted tables instead of a talk',
      strategies: ['Coffee & conversation', 'Gathering design'],
      startedDaysAgo: 105,
      plannedDays: 42,
      phase: 'closed',
      hypothesis: {
        statement:
          'If we replace the speaker-and-questions format with small tables of five, each with a volunteer host and conversation cards, then more participants will talk with someone from a different group, because a small table lowers the stakes of speaking up.',
        expectedOutcome: 'Cross-group conversations observed per session rise from 2 to at least 6, while attendance holds at 12 or more.',
        rationale:
          'Participants said the talk format felt like "being talked at". Open communication is the foundation of trust: people need to feel heard and valued.',
        indicators: ['attendance', 'crossGroup', 'trust'],
        predictions: [
          { indicator: 'crossGroup', from: 2, to: 6, note: 'Mean per session, from the hosts’ tally sheets' },
          { indicator: 'attendance', from: 12, to: 12 },
          { indicator: 'trust', from: 3.4, to: 3.8 },
        ],
      },
      adaptation: {
        description:
          'Three Coffee & Conversation mornings at tables of five, a trained volunteer host at four of the five tables, and a deck of conversation cards adapted from the National Issues Forums\' "Asking Intentional Questions to Provoke Deliberation".',
        implementedDaysAgo: 98,
        sessionsHeld: 3,
        participantsReached: 41,
        gathering: {
          whyGather: 'To give neighbours who rarely meet a low-stakes way to talk across their differences.',
          desiredOutcome: 'Every participant has at least one real conversation with someone unlike them.',
          invitation: 'Flyers at the laundromat, the barbershop and two churches, handed out in person by the table hosts.',
          opening: 'Each table defines "community" in one sentence, then the room agrees one definition together.',
          closing: 'Each person names one thing they heard that surprised them.',
          timeToReflect: 'Five quiet minutes with a card: "What will you remember from today?"',
        },
      },
      adaptationLog: [
        {
          daysAgo: 98,
          whatChanged: 'Replaced the speaker-and-questions format with hosted tables of five and conversation cards.',
          decidedBy: 'Branch librarian with the volunteer hosts',
          planning: 'planned',
          reason: 'Participants said the talk format felt like being talked at.',
          fidelityConsistent: 'yes',
          permanence: 'permanent',
        },
        {
          daysAgo: 83,
          whatChanged: 'Let late arrivals sit at a self-seated table instead of joining a hosted one.',
          decidedBy: 'Volunteer at the door',
          planning: 'reactive',
          reason: 'Every hosted table was full when a group of eight arrived together.',
          fidelityConsistent: 'unsure',
          permanence: 'temporary',
        },
      ],
      evidence: [
        { kind: 'measurement', indicator: 'attendance', value: 14, daysAgo: 97, method: 'sign_in', source: 'Sign-in sheet, session 1' },
        { kind: 'measurement', indicator: 'attendance', value: 13, daysAgo: 83, method: 'sign_in', source: 'Sign-in sheet, session 2' },
        { kind: 'measurement', indicator: 'attendance', value: 14, daysAgo: 69, method: 'sign_in', source: 'Sign-in sheet, session 3' },
        {
          kind: 'measurement',
          indicator: 'crossGroup',
          value: 5,
          daysAgo: 69,
          method: 'observation',
          source: 'Host tally sheets, three sessions (mean per session)',
        },
        { kind: 'measurement', indicator: 'trust', value: 3.7, daysAgo: 69, method: 'survey', source: 'Exit card, "I trust the library" 1–5', sampleSize: 29 },
        {
          kind: 'observation',
          text: 'Hosted tables stayed mixed all morning; the one self-seated table filled with regulars who already knew each other.',
          daysAgo: 83,
          method: 'observation',
          source: 'Branch manager notes',
        },
        {
          kind: 'quote',
          text: 'I came for the coffee and stayed because nobody told me I was wrong. They asked me why.',
          daysAgo: 69,
          method: 'interview',
          source: 'Participant, session 3',
        },
      ],
      reflection: {
        outcome: 'partly_supported',
        insights:
          'Cross-group conversations rose from 2 to 5 per session, short of the 6 we hoped for. Hosted tables mixed people; the self-seated table did not. Trust scores moved up a little (3.4 to 3.7).',
        decision: 'adapt',
        nextSteps: 'Seat everyone at a hosted table with a coloured-card draw at the door; recruit two more hosts from the Eastside Neighbourhood Association.',
      },
      reviews: [
        { verdict: 'comment', body: 'The contrast between the hosted and the self-seated table is a real finding; say it plainly in the insights.' },
        { verdict: 'approve', body: 'Good first cycle. Next time, ask the trust question before and after the same session so the change is easier to read.' },
      ],
    },
    {
      title: 'Everyone at a hosted table',
      strategies: ['Coffee & conversation', 'Gathering design'],
      startedDaysAgo: 55,
      plannedDays: 62,
      phase: 'evidence',
      hypothesis: {
        statement:
          'If every participant is seated at a hosted table by a coloured-card draw, then cross-group conversations will reach 6 per session, because no table can fill up with regulars only.',
        expectedOutcome: 'At least 6 cross-group conversations per session and 8 or more returning participants.',
        rationale: 'Cycle 1 showed that hosted tables mix people and self-seated ones do not.',
        indicators: ['attendance', 'repeat', 'crossGroup', 'trust'],
        predictions: [
          { indicator: 'crossGroup', from: 5, to: 6 },
          { indicator: 'repeat', from: 3, to: 8 },
        ],
      },
      adaptationLog: [
        {
          daysAgo: 48,
          whatChanged: 'A coloured-card draw at the door seats everyone at a hosted table.',
          decidedBy: 'Branch librarian, after the coach’s review',
          planning: 'planned',
          reason: 'In cycle 1 the self-seated table filled with regulars and did not mix.',
          fidelityConsistent: 'yes',
          permanence: 'permanent',
        },
      ],
      adaptation: {
        description:
          'Coloured-card draw at the door; five volunteer hosts, two of them new, from the Eastside Neighbourhood Association; the same conversation cards.',
        implementedDaysAgo: 48,
        sessionsHeld: 2,
        participantsReached: 39,
      },
      evidence: [
        { kind: 'measurement', indicator: 'attendance', value: 19, daysAgo: 41, method: 'sign_in', source: 'Sign-in sheet, session 1' },
        { kind: 'measurement', indicator: 'attendance', value: 20, daysAgo: 27, method: 'sign_in', source: 'Sign-in sheet, session 2' },
        { kind: 'measurement', indicator: 'repeat', value: 8, daysAgo: 27, method: 'sign_in', source: 'Names matched against cycle 1 sign-in sheets' },
        { kind: 'measurement', indicator: 'crossGroup', value: 7, daysAgo: 27, method: 'observation', source: 'Host tally sheets' },
        { kind: 'measurement', indicator: 'trust', value: 3.9, daysAgo: 27, method: 'survey', source: 'Exit card, "I trust the library" 1–5', sampleSize: 31 },
        {
          kind: 'quote',
          text: 'The card draw was silly and it worked. I sat with a teenager and his grandmother and we talked about the bus lines for an hour.',
          daysAgo: 41,
          method: 'interview',
          source: 'Participant, session 1',
        },
      ],
    },
  ],
  checkIns: [
    { note: 'Cycle 2 started: the coloured-card draw went smoothly and the two new hosts were at ease by the second table change.' },
    {
      note: 'Second session: 20 people, 8 of them back from cycle 1.',
      blockers: 'The community room is booked for elections on our usual Saturday next month.',
      helpWanted: 'Ideas for a second venue nearby that feels neutral to everyone.',
    },
  ],
};

const BAYVIEW: DemoPilot = {
  library: { name: 'Bayview Heights Library (demo)', city: 'Bayview Heights', state: 'NJ', communityType: 'suburban', timezone: 'America/New_York' },
  initiative: {
    title: 'Tell Us! Listening Sessions',
    summary:
      "Community-led listening sessions after Madison Public Library's Tell Us! process: residents tell the library what they need, and the library reports back what it changed. Regular community discussions and a suggestion box make sure community members feel heard and valued.",
    audience: 'Residents of the Route 9 apartment complexes who rarely visit the library',
    learningQuestion: 'Does showing residents what we changed because of what they told us make them trust the library more?',
    checkInCadenceDays: 21,
    startedDaysAgo: 110,
  },
  librarian: { key: 'alan', name: 'Alan Meyer', mailbox: 'alan.meyer' },
  coach: 'marisol',
  indicators: [
    { ref: 'feltHeard', templateKey: 'felt_heard', baseline: 3.1, target: 4 },
    { ref: 'newcomers', templateKey: 'new_participants', baseline: 5, target: 15 },
    { ref: 'partners', templateKey: 'partner_organisations', baseline: 1, target: 4 },
    {
      ref: 'actedOn',
      custom: {
        name: 'Suggestions acted on',
        unit: 'suggestions',
        kind: 'count',
        direction: 'increase',
        description: 'Suggestions from residents that led to a visible change, shown on the "You said, we did" board.',
      },
      baseline: 0,
      target: 6,
    },
  ],
  cycles: [
    {
      title: 'Listening sessions in the community room',
      strategies: ['Community-led planning'],
      startedDaysAgo: 100,
      plannedDays: 42,
      phase: 'closed',
      hypothesis: {
        statement:
          "If we hold two listening sessions at the apartment complexes' community room with the tenants' association, then new participants will come, because the invitation comes from neighbours they know.",
        expectedOutcome: 'At least 12 new participants across two sessions and a "the library listens" score of 3.5 or more.',
        rationale:
          "Partnerships strengthen the library's ties to its community; the tenants' association is a non-traditional partner with the residents' trust.",
        indicators: ['newcomers', 'feltHeard', 'partners'],
      },
      adaptation: {
        description: "Two Tell Us! sessions co-hosted with the Route 9 Tenants' Association, with a suggestion box left in the lobby between them.",
        implementedDaysAgo: 90,
        sessionsHeld: 2,
        participantsReached: 27,
      },
      evidence: [
        { kind: 'measurement', indicator: 'newcomers', value: 14, daysAgo: 76, method: 'sign_in', source: 'Sign-in sheets, two sessions' },
        { kind: 'measurement', indicator: 'feltHeard', value: 3.6, daysAgo: 76, method: 'survey', source: 'Paper survey after session 2', sampleSize: 22 },
        { kind: 'measurement', indicator: 'partners', value: 2, daysAgo: 76, method: 'other', source: "Tenants' Association and the school's family liaison" },
        {
          kind: 'story',
          text: 'A grandmother asked for large-print books in Spanish; two weeks later the bookmobile brought a crate to the lobby, and she brought three friends to the second session.',
          daysAgo: 80,
          method: 'interview',
          source: 'Outreach librarian',
        },
      ],
      reflection: {
        outcome: 'supported',
        insights: 'Being invited by neighbours brought 14 first-time participants. Acting quickly on one visible request did more than any flyer.',
        decision: 'continue',
        nextSteps: 'Keep the co-hosted sessions and add a "You said, we did" board in the lobby so residents see what changed.',
      },
      reviews: [{ verdict: 'approve', body: 'Clear and well evidenced. The large-print story is worth sharing with the whole coalition.' }],
    },
    {
      title: 'The "You said, we did" board',
      strategies: ['Community-led planning', 'Passive programming'],
      startedDaysAgo: 50,
      plannedDays: 45,
      phase: 'review',
      hypothesis: {
        statement:
          'If residents see on a "You said, we did" board which of their suggestions we acted on, then more will feel the library listens to people like them, because the loop from suggestion to change becomes visible.',
        expectedOutcome: '"The library listens to people like me" rises from 3.6 to 4.0; at least 6 suggestions acted on.',
        rationale: 'Transparency and accountability are part of belonging.',
        indicators: ['feltHeard', 'actedOn'],
      },
      adaptation: {
        description: 'A board in the complex lobby and at the library entrance, updated every two weeks with each suggestion and what we did about it.',
        implementedDaysAgo: 44,
        sessionsHeld: 1,
        participantsReached: 31,
      },
      evidence: [
        { kind: 'measurement', indicator: 'actedOn', value: 7, daysAgo: 16, method: 'other', source: '"You said, we did" board log' },
        { kind: 'measurement', indicator: 'feltHeard', value: 4.1, daysAgo: 14, method: 'survey', source: 'Paper survey at the third session', sampleSize: 26 },
        {
          kind: 'quote',
          text: 'I wrote "more evening hours" as a joke. Then it was on the board with a date.',
          daysAgo: 14,
          method: 'interview',
          source: 'Resident, building C',
        },
      ],
      reflection: {
        outcome: 'supported',
        insights: 'Seven suggestions acted on and a "the library listens" score of 4.1. Residents quote the board back to us.',
        decision: 'scale',
        nextSteps: 'Offer the board and the co-hosted sessions to the two other branches; write up the method for the coalition.',
      },
      reviews: [{ verdict: 'comment', body: 'Reading now. Before I approve: how many of the 26 survey answers came from people who were also at cycle 1?' }],
    },
  ],
  checkIns: [
    {
      note: 'Cycle 2 evidence is in and the reflection is written; waiting for the coach review.',
      helpWanted: 'A template for writing up the method for the other branches.',
    },
  ],
};

const BIG_SKY: DemoPilot = {
  library: { name: 'Big Sky Valley Library (demo)', city: 'Riverbend', state: 'MT', communityType: 'rural', timezone: 'America/Denver' },
  initiative: {
    title: 'Connection Café for Older Adults',
    summary:
      "A weekly café with the county public health nurse for older adults living alone, answering the Surgeon General's advisory on our epidemic of loneliness and isolation. Small and rural libraries serve people facing both geographic and social isolation.",
    audience: 'Older adults on outlying ranches and in town who live alone',
    learningQuestion: 'Does partnering with public health bring isolated older adults to the library, and do they come back?',
    checkInCadenceDays: 14,
    startedDaysAgo: 75,
  },
  librarian: { key: 'ruth', name: 'Ruth Lindqvist', mailbox: 'ruth.lindqvist' },
  coach: 'grace',
  indicators: [
    { ref: 'attendance', templateKey: 'attendance', baseline: 6, target: 15 },
    { ref: 'metSomeone', templateKey: 'met_someone_new', baseline: 30, target: 60 },
    { ref: 'partners', templateKey: 'partner_organisations', baseline: 1, target: 3 },
  ],
  cycles: [
    {
      title: 'The café with the public health nurse',
      strategies: ['Partnerships', 'Coffee & conversation'],
      startedDaysAgo: 60,
      plannedDays: 56,
      phase: 'reflection',
      hypothesis: {
        statement:
          'If the county public health nurse co-hosts a weekly café with blood-pressure checks, then more isolated older adults will come and meet someone new, because the nurse is already a trusted visitor on the ranches.',
        expectedOutcome: 'Weekly attendance from 6 to 12; at least half of participants say they met someone new.',
        rationale: 'Public health is part of library outreach; partnerships are the key to rural library services to older adults.',
        indicators: ['attendance', 'metSomeone', 'partners'],
      },
      adaptation: {
        description: 'Weekly Tuesday café in the reading room, co-hosted by the county public health nurse, with rides from the senior centre van.',
        implementedDaysAgo: 52,
        sessionsHeld: 6,
        participantsReached: 23,
      },
      evidence: [
        { kind: 'measurement', indicator: 'attendance', value: 9, daysAgo: 45, method: 'sign_in', source: 'Sign-in sheet, weeks 1–2 (mean)' },
        { kind: 'measurement', indicator: 'attendance', value: 13, daysAgo: 24, method: 'sign_in', source: 'Sign-in sheet, weeks 3–6 (mean)' },
        { kind: 'measurement', indicator: 'metSomeone', value: 55, daysAgo: 24, method: 'survey', source: 'Show of hands at closing', sampleSize: 13 },
        { kind: 'measurement', indicator: 'partners', value: 2, daysAgo: 24, method: 'other', source: 'County health department and the senior centre' },
        {
          kind: 'quote',
          text: 'Out here you can go a week without saying a word to anybody. Tuesday is my talking day now.',
          daysAgo: 31,
          method: 'interview',
          source: 'Participant, 81',
        },
      ],
      reflection: { insights: 'The van mattered more than the nurse: attendance jumped when the rides started in week 3.' },
    },
  ],
  checkIns: [],
};

const RED_MESA: DemoPilot = {
  library: { name: 'Red Mesa Tribal Library (demo)', city: 'Red Mesa', state: 'AZ', communityType: 'tribal', timezone: 'America/Phoenix' },
  initiative: {
    title: "Our Stories, Our Library: elders' oral histories",
    summary:
      'Youth record three-to-five-minute oral histories with elders, using the OurStoryBridge toolkit, and the library keeps and shares them. Advocacy and storytelling build belonging across generations.',
    audience: 'Elders and high-school students of the community',
    learningQuestion: 'Does recording stories together strengthen the sense that the library belongs to the community?',
    checkInCadenceDays: 14,
    startedDaysAgo: 40,
  },
  librarian: { key: 'loretta', name: 'Loretta James', mailbox: 'loretta.james' },
  coach: 'grace',
  indicators: [
    { ref: 'attendance', templateKey: 'attendance', baseline: 8, target: 20 },
    { ref: 'belonging', templateKey: 'sense_of_belonging', baseline: 3.5, target: 4.2 },
    {
      ref: 'stories',
      custom: {
        name: 'Stories recorded',
        unit: 'stories',
        kind: 'count',
        direction: 'increase',
        description: "Oral histories recorded, with the elder's consent to keep them at the library.",
      },
      baseline: 0,
      target: 12,
    },
  ],
  cycles: [
    {
      title: 'Story circles after school',
      strategies: ['Intergenerational'],
      startedDaysAgo: 30,
      plannedDays: 42,
      phase: 'adaptation',
      hypothesis: {
        statement:
          'If students and elders meet in a story circle before any recording, then more elders will agree to record their stories, because they will know who is listening.',
        expectedOutcome: 'Twelve stories recorded in six weeks; belonging score of 4 or more among participants.',
        rationale: 'People need to feel comfortable and safe enough to participate before they share something personal.',
        indicators: ['stories', 'belonging', 'attendance'],
      },
      adaptation: {
        description: 'Weekly story circles after school in the library, with fry bread from the chapter house; recording only from the third circle on.',
        implementedDaysAgo: 9,
        sessionsHeld: 1,
        participantsReached: 14,
        gathering: {
          whyGather: 'So that young people hear the stories of this place from the people who lived them.',
          desiredOutcome: 'Elders feel their stories are wanted and safe with the library.',
          invitation: 'The chapter house announces it at the Tuesday meeting; students invite their own grandparents.',
          opening: 'An elder opens in the language, then everyone says where their family comes from.',
          closing: 'Each student says one thing they will remember and why.',
          timeToReflect: 'Tea and quiet time at the end before anyone leaves.',
        },
      },
    },
  ],
  checkIns: [
    {
      note: 'First story circle: 9 students, 5 elders. Nobody recorded yet, as planned.',
      blockers: 'The recording kit from the state library has not arrived.',
    },
  ],
};

const MISSION_FLATS: DemoPilot = {
  library: { name: 'Mission Flats Public Library (demo)', city: 'Mission Flats', state: 'CA', communityType: 'urban', timezone: 'America/Los_Angeles' },
  initiative: {
    title: 'World Café: Our Neighbourhood, Our Library',
    summary:
      'World Café evenings where residents of a fast-changing neighbourhood talk in rotating small groups about what the neighbourhood needs, using the World Café Method and Hosting Tool Kit.',
    audience: 'Long-time residents and new arrivals in the Mission Flats neighbourhood',
    learningQuestion: 'What helps long-time residents and new arrivals find common ground?',
    checkInCadenceDays: 14,
    startedDaysAgo: 20,
  },
  librarian: { key: 'carlos', name: 'Carlos Medina', mailbox: 'carlos.medina' },
  coach: 'marisol',
  indicators: [
    { ref: 'attendance', templateKey: 'attendance' },
    { ref: 'crossGroup', templateKey: 'cross_group_conversations' },
    { ref: 'comfortable', templateKey: 'comfortable_to_participate' },
  ],
  cycles: [
    {
      title: 'A first World Café evening',
      strategies: ['World café', 'Gathering design'],
      startedDaysAgo: 6,
      plannedDays: 42,
      phase: 'hypothesis',
      hypothesis: {
        statement:
          'If we open the World Café with the Common Ground activity (each table finds five things everyone shares), then participants will feel comfortable taking part, because they start from what they have in common.',
        expectedOutcome: 'A "felt comfortable taking part" score of 4 or more.',
        rationale: '',
        indicators: ['comfortable', 'crossGroup'],
      },
    },
  ],
  checkIns: [
    {
      note: 'Drafting the hypothesis; first café evening planned in three weeks.',
      helpWanted: 'Icebreakers that do not presume anything about who is at the table.',
    },
  ],
};

const WILLOW_BAY: DemoPilot = {
  library: { name: 'Willow Bay Tribal Library (demo)', city: 'Willow Bay', state: 'AK', communityType: 'tribal', timezone: 'America/Anchorage' },
  initiative: {
    title: 'Common Ground Nights',
    summary:
      'Evenings of shared activities (the Common Ground Activity, the Alphabet Photo Challenge around the village) that bring families, the school and the tribal council together at the library.',
    audience: 'Families of the village, school staff and tribal council members',
    learningQuestion: 'Do shared activities make people see the library as a place that belongs to the whole village?',
    checkInCadenceDays: 28,
    startedDaysAgo: 90,
  },
  librarian: { key: 'ellen', name: 'Ellen Frost', mailbox: 'ellen.frost' },
  coach: 'daniel',
  indicators: [
    { ref: 'attendance', templateKey: 'attendance', baseline: 10, target: 30 },
    { ref: 'belonging', templateKey: 'sense_of_belonging', baseline: 3.2, target: 4 },
    { ref: 'partners', templateKey: 'partner_organisations', baseline: 1, target: 3 },
  ],
  cycles: [
    {
      title: 'The Alphabet Photo Challenge',
      strategies: ['Passive programming'],
      startedDaysAgo: 80,
      plannedDays: 42,
      phase: 'closed',
      hypothesis: {
        statement:
          'If families, teachers and council members team up for the Alphabet Photo Challenge and then show their photos at the library, then more people will say they belong at the library, because they make something together there.',
        expectedOutcome: 'Attendance of 25 and a belonging score of 3.8 or more.',
        rationale: 'Belonging grows from shared values, traditions and goals, and from participation and collaboration.',
        indicators: ['attendance', 'belonging', 'partners'],
      },
      adaptation: {
        description: 'Mixed teams of four walked the village for an afternoon, then projected their photos at the library with soup from the council kitchen.',
        implementedDaysAgo: 70,
        sessionsHeld: 2,
        participantsReached: 46,
      },
      evidence: [
        { kind: 'measurement', indicator: 'attendance', value: 28, daysAgo: 63, method: 'sign_in', source: 'Sign-in sheet, photo night' },
        { kind: 'measurement', indicator: 'belonging', value: 4.2, daysAgo: 63, method: 'survey', source: 'Exit cards', sampleSize: 24 },
        { kind: 'measurement', indicator: 'partners', value: 3, daysAgo: 63, method: 'other', source: 'School, tribal council, health clinic' },
        {
          kind: 'quote',
          text: 'My grandson found a photo for every letter except X. The council president helped him with "X marks the fish camp".',
          daysAgo: 63,
          method: 'interview',
          source: 'Parent',
        },
      ],
      reflection: {
        outcome: 'supported',
        insights: 'Attendance of 28 and a belonging score of 4.2. Teams mixing generations talked the most.',
        decision: 'scale',
        nextSteps: 'Hold a Common Ground Night every month; ask the school to run one with each class.',
      },
      reviews: [
        {
          verdict: 'request_changes',
          body: 'The numbers are convincing. Please add what did not work, so the next cycle can learn from it too.',
          returnTo: 'reflection',
          revisedInsights:
            'Attendance of 28 and a belonging score of 4.2. Teams mixing generations talked the most. What did not work: two teams of teachers only finished early and left before the photo show.',
        },
        { verdict: 'approve', body: 'Thank you, that addition makes the next step clear: mix the teams on purpose.' },
      ],
    },
  ],
  checkIns: [{ note: 'Cycle 1 approved. Planning the first monthly Common Ground Night with the school.' }],
};

const LEHUA_VALLEY: DemoPilot = {
  library: { name: 'Lehua Valley Public Library (demo)', city: 'Lehua Valley', state: 'HI', communityType: 'rural', timezone: 'Pacific/Honolulu' },
  initiative: {
    title: 'Talk Story Board',
    summary:
      'Passive programming that builds community: a weekly question on a big board by the entrance and a colouring table, inviting anyone to answer and "talk story" without signing up for anything.',
    audience: 'Visitors who come for Wi-Fi, printing or the bus shelter but never join a programme',
    learningQuestion: 'Can a self-directed activity make people who never join programmes feel the library listens to them?',
    checkInCadenceDays: 14,
    startedDaysAgo: 45,
  },
  librarian: { key: 'leilani', name: 'Leilani Akana', mailbox: 'leilani.akana' },
  coach: 'daniel',
  indicators: [
    { ref: 'newcomers', templateKey: 'new_participants', baseline: 0, target: 40 },
    { ref: 'feltHeard', templateKey: 'felt_heard', baseline: 3, target: 3.8 },
    {
      ref: 'answers',
      custom: {
        name: 'Answers posted on the board',
        unit: 'answers',
        kind: 'count',
        direction: 'increase',
        description: "Sticky-note answers to the week's question, counted every Friday.",
      },
      baseline: 0,
      target: 50,
    },
    {
      ref: 'daily',
      custom: {
        name: 'Answers posted each day',
        unit: 'answers',
        kind: 'count',
        direction: 'increase',
        description: 'Sticky-note answers on the board, counted at closing every open day.',
      },
      baseline: 0,
      target: 10,
    },
  ],
  cycles: [
    {
      title: 'One question a week',
      strategies: ['Passive programming'],
      startedDaysAgo: 35,
      plannedDays: 42,
      phase: 'evidence',
      hypothesis: {
        statement:
          'If we post one inclusive question a week by the entrance, then visitors who never join programmes will answer it, because it asks nothing of them but a minute.',
        expectedOutcome: '50 answers a week by week four.',
        rationale: 'Is this question inclusive of the experience of all who will gather? Starting small and optional lowers the barrier.',
        learningQuestion: 'Which questions get the most answers?',
        indicators: ['answers', 'daily', 'newcomers', 'feltHeard'],
      },
      adaptationLog: [
        {
          daysAgo: 28,
          whatChanged: 'Put up the question board by the entrance, with markers, sticky notes and a colouring table.',
          decidedBy: 'Branch librarian',
          planning: 'planned',
          reason: 'Visitors who come for Wi-Fi, printing or the bus never join a programme; a board asks nothing of them but a minute.',
          fidelityConsistent: 'yes',
          permanence: 'permanent',
        },
        {
          daysAgo: 14,
          whatChanged: 'Switched to questions about places ("What is your favourite place in the valley?") and moved the board beside the bus-shelter door.',
          decidedBy: 'Branch librarian with the front-desk staff',
          planning: 'reactive',
          reason: "Week 2's place question drew the most answers, and bus riders wait by that door every day.",
          fidelityConsistent: 'yes',
          permanence: 'permanent',
        },
      ],
      adaptation: {
        description: 'A question board by the entrance with markers and sticky notes; a new question every Monday, chosen from the icebreakers list.',
        implementedDaysAgo: 28,
        sessionsHeld: 4,
        participantsReached: 120,
      },
      evidence: [
        { kind: 'measurement', indicator: 'daily', value: 3, daysAgo: 27, method: 'observation', source: 'Closing count' },
        { kind: 'measurement', indicator: 'daily', value: 4, daysAgo: 26, method: 'observation', source: 'Closing count' },
        { kind: 'measurement', indicator: 'daily', value: 3, daysAgo: 25, method: 'observation', source: 'Closing count' },
        { kind: 'measurement', indicator: 'daily', value: 4, daysAgo: 24, method: 'observation', source: 'Closing count' },
        { kind: 'measurement', indicator: 'daily', value: 4, daysAgo: 23, method: 'observation', source: 'Closing count' },
        { kind: 'measurement', indicator: 'daily', value: 4, daysAgo: 22, method: 'observation', source: 'Closing count' },
        { kind: 'measurement', indicator: 'daily', value: 5, daysAgo: 20, method: 'observation', source: 'Closing count' },
        { kind: 'measurement', indicator: 'daily', value: 6, daysAgo: 19, method: 'observation', source: 'Closing count' },
        { kind: 'measurement', indicator: 'daily', value: 7, daysAgo: 18, method: 'observation', source: 'Closing count' },
        { kind: 'measurement', indicator: 'daily', value: 8, daysAgo: 17, method: 'observation', source: 'Closing count' },
        { kind: 'measurement', indicator: 'daily', value: 7, daysAgo: 16, method: 'observation', source: 'Closing count' },
        { kind: 'measurement', indicator: 'daily', value: 8, daysAgo: 15, method: 'observation', source: 'Closing count' },
        { kind: 'measurement', indicator: 'daily', value: 9, daysAgo: 13, method: 'observation', source: 'Closing count' },
        { kind: 'measurement', indicator: 'daily', value: 10, daysAgo: 12, method: 'observation', source: 'Closing count' },
        { kind: 'measurement', indicator: 'daily', value: 9, daysAgo: 11, method: 'observation', source: 'Closing count' },
        { kind: 'measurement', indicator: 'daily', value: 10, daysAgo: 10, method: 'observation', source: 'Closing count' },
        { kind: 'measurement', indicator: 'daily', value: 9, daysAgo: 9, method: 'observation', source: 'Closing count' },
        { kind: 'measurement', indicator: 'daily', value: 10, daysAgo: 8, method: 'observation', source: 'Closing count' },
        { kind: 'measurement', indicator: 'daily', value: 10, daysAgo: 6, method: 'observation', source: 'Closing count' },
        { kind: 'measurement', indicator: 'daily', value: 11, daysAgo: 5, method: 'observation', source: 'Closing count' },
        { kind: 'measurement', indicator: 'daily', value: 9, daysAgo: 4, method: 'observation', source: 'Closing count' },
        { kind: 'measurement', indicator: 'daily', value: 10, daysAgo: 3, method: 'observation', source: 'Closing count' },
        { kind: 'measurement', indicator: 'daily', value: 11, daysAgo: 2, method: 'observation', source: 'Closing count' },
        { kind: 'measurement', indicator: 'daily', value: 10, daysAgo: 1, method: 'observation', source: 'Closing count' },
        { kind: 'measurement', indicator: 'answers', value: 22, daysAgo: 21, method: 'observation', source: 'Friday count, week 1' },
        { kind: 'measurement', indicator: 'answers', value: 41, daysAgo: 14, method: 'observation', source: 'Friday count, week 2' },
        { kind: 'measurement', indicator: 'answers', value: 57, daysAgo: 7, method: 'observation', source: 'Friday count, week 3' },
        {
          kind: 'observation',
          text: '"What is your favourite place in the valley?" got three times the answers of "What should the library offer?"',
          daysAgo: 7,
          method: 'observation',
          source: 'Board photos',
        },
        {
          kind: 'quote',
          text: 'I wait for the bus here every day. First time anybody asked me anything.',
          daysAgo: 14,
          method: 'interview',
          source: 'Visitor',
        },
      ],
    },
  ],
  checkIns: [
    {
      note: 'Week 3: 57 answers. The place questions work best.',
      helpWanted: 'How do we ask the "library listens" survey question without spoiling the passive feel?',
    },
  ],
};

export const DEMO_PILOTS: DemoPilot[] = [LAKESHORE, BAYVIEW, BIG_SKY, RED_MESA, MISSION_FLATS, WILLOW_BAY, LEHUA_VALLEY];
