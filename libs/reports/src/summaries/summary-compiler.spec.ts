import { escapeMarkdown, SummaryCompiler } from './summary-compiler';
import type { EvidenceAggregate, SummaryFacts } from './summary-content';
import { summarise } from './summary-content';

/** The backtracking versions took 9 s to minutes on these inputs; a bound this wide only fails on them, never on a busy machine. */
const LINEAR_BOUND_MS = 3000;

const ATTENDANCE = 'a0000000-0000-4000-8000-000000000001';
const TRUST = 'a0000000-0000-4000-8000-000000000002';
const BELONGING = 'a0000000-0000-4000-8000-000000000003';
const STORIES = 'a0000000-0000-4000-8000-000000000004';

const measured = (
  cycleNumber: number,
  indicatorId: string,
  entries: number,
  mean: number,
  min: number,
  max: number,
  atPoint: EvidenceAggregate['atPoint'] = [0, 0, 0, 0, 0],
): EvidenceAggregate => ({ cycleNumber, kind: 'measurement', indicatorId, entries, mean, min, max, valued: entries, atPoint });
const tally = (cycleNumber: number, kind: 'observation' | 'quote' | 'story', entries: number): EvidenceAggregate => ({
  cycleNumber,
  kind,
  indicatorId: null,
  entries,
  mean: null,
  min: null,
  max: null,
  valued: 0,
  atPoint: [0, 0, 0, 0, 0],
});

/** Cycle 3 of an initiative: attendance measured in cycles 1 and 3 (not 2), trust in all three. */
const facts = (overrides: Partial<SummaryFacts> = {}): SummaryFacts => ({
  version: 1,
  compiledAt: '2026-05-04T12:00:00.000Z',
  link: 'https://r2c.example.org/api/v1/cycles/c3/summary?format=html&version=1',
  initiative: {
    id: 'i1',
    title: 'Community Conversations',
    libraryName: 'Riverbend Public Library',
    audience: 'Newcomer families',
    learningQuestion: 'What helps neighbours belong?',
  },
  cycle: {
    id: 'c3',
    number: 3,
    title: 'Saturday welcome',
    phase: 'closed',
    plannedStart: '2026-04-20',
    plannedEnd: '2026-06-01',
    closedAt: '2026-05-04T11:59:00.000Z',
  },
  hypothesis: {
    statement: 'If volunteers greet newcomer families in Spanish and Dari, then more of them will come back.',
    expectedOutcome: 'Attendance rises to 18',
    rationale: 'Families told us they were unsure they were welcome.',
    learningQuestion: 'Does a welcome in one’s own language bring families back?',
    indicatorIds: [TRUST, ATTENDANCE],
  },
  adaptation: {
    description: 'Two volunteers greet families at the door.',
    implementedOn: '2026-04-25',
    sessionsHeld: 4,
    participantsReached: 57,
    gathering: { whyGather: 'To welcome newcomers', timeToReflect: 'Five quiet minutes' },
  },
  reflection: {
    outcome: 'partly_supported',
    insights: 'Attendance rose; trust rose a little.',
    decision: 'adapt',
    nextSteps: 'Add a Dari-speaking volunteer on Saturdays.',
  },
  indicators: [
    { id: ATTENDANCE, name: 'Attendance', unit: 'people', kind: 'count', direction: 'increase', baseline: 12, target: 18 },
    { id: TRUST, name: 'I trust the library', unit: 'score (1–5)', kind: 'scale_1_5', direction: 'increase', baseline: 3, target: null },
    { id: BELONGING, name: 'Sense of belonging', unit: 'score (1–5)', kind: 'scale_1_5', direction: 'increase', baseline: null, target: null },
    { id: STORIES, name: 'What changed for you', unit: 'answer', kind: 'text', direction: 'increase', baseline: null, target: null },
  ],
  aggregates: [
    measured(1, ATTENDANCE, 4, 14, 11, 17),
    measured(3, ATTENDANCE, 3, 19.333333, 16, 22),
    measured(1, TRUST, 10, 3.1, 2, 4),
    measured(2, TRUST, 12, 3.4, 2, 5),
    measured(3, TRUST, 11, 3.9, 3, 5, [0, 0, 3, 5, 2]),
    tally(3, 'observation', 2),
    tally(3, 'quote', 3),
    tally(2, 'quote', 7),
    tally(3, 'story', 1),
  ],
  quotes: [
    { kind: 'quote', text: '"I didn\'t know we could just come in."', observedOn: '2026-04-27', source: 'Parent, story time' },
    { kind: 'story', text: 'A grandmother brought\ntwo neighbours.', observedOn: '2026-05-02', source: null },
  ],
  cycles: [
    { number: 1, plannedStart: '2026-03-02', plannedEnd: '2026-03-29' },
    { number: 2, plannedStart: '2026-03-30', plannedEnd: '2026-04-19' },
    { number: 3, plannedStart: '2026-04-20', plannedEnd: '2026-06-01' },
  ],
  adaptations: [
    {
      cycleNumber: 2,
      madeOn: '2026-04-04',
      whatChanged: 'Moved story time to Saturday morning',
      decidedBy: 'Programme librarian',
      planning: 'reactive',
      reason: 'Evening shifts',
      fidelityConsistent: 'yes',
      permanence: 'permanent',
    },
    {
      cycleNumber: 3,
      madeOn: '2026-04-25',
      whatChanged: 'Greeters at the door',
      decidedBy: 'Librarian and volunteers',
      planning: 'planned',
      reason: 'Families felt unsure they were welcome',
      fidelityConsistent: 'yes',
      permanence: 'permanent',
    },
    {
      cycleNumber: 3,
      madeOn: '2026-05-09',
      whatChanged: 'Skipped the closing circle once',
      decidedBy: 'Volunteer on duty',
      planning: 'reactive',
      reason: 'Fire drill',
      fidelityConsistent: 'no',
      permanence: 'temporary',
    },
  ],
  surveyOutcomes: [
    {
      outcome: 'Trust in the library',
      indicators: [{ id: TRUST, name: 'I trust the library' }],
      cycles: [
        { cycleId: 'c1', cycleNumber: 1, mean: 3.1, n: 10, distribution: null },
        { cycleId: 'c3', cycleNumber: 3, mean: 3.9, n: 11, distribution: { 1: 0, 2: 0, 3: 3, 4: 5, 5: 3 } },
        { cycleId: 'c4', cycleNumber: 4, mean: 4.2, n: 9, distribution: null },
      ],
      before: { cycleId: 'c1', cycleNumber: 1, mean: 3.1, n: 10, distribution: null },
      after: { cycleId: 'c3', cycleNumber: 3, mean: 3.9, n: 11, distribution: { 1: 0, 2: 0, 3: 3, 4: 5, 5: 3 } },
      change: 0.8,
    },
  ],
  reviews: [
    {
      verdict: 'request_changes',
      note: 'Say how many families came back.',
      coachName: 'Dana Okafor',
      createdAt: '2026-05-01T15:00:00.000Z',
      round: 1,
      returnTo: 'reflection',
    },
    {
      verdict: 'approve',
      note: 'Great work with the school <b>!</b>',
      coachName: 'Dana Okafor',
      createdAt: '2026-05-04T11:59:00.000Z',
      round: 2,
      returnTo: null,
    },
  ],
  ...overrides,
});

describe('summary statistics', () => {
  it('gives each indicator this cycle’s n, mean, min and max against baseline, target and the previous cycle that measured it', () => {
    const [trust, attendance] = summarise(facts()).indicators;
    expect(attendance).toMatchObject({
      name: 'Attendance',
      n: 3,
      mean: 19.33,
      min: 16,
      max: 22,
      baseline: 12,
      target: 18,
      changeFromBaseline: 7.33,
      differenceFromTarget: 1.33,
      targetMet: true,
      previous: { cycleNumber: 1, n: 4, mean: 14, min: 11, max: 17 },
      changeFromPrevious: 5.33,
    });
    expect(trust).toMatchObject({
      n: 11,
      mean: 3.9,
      changeFromBaseline: 0.9,
      target: null,
      differenceFromTarget: null,
      targetMet: null,
      previous: { cycleNumber: 2, mean: 3.4 },
      changeFromPrevious: 0.5,
    });
  });

  it('keeps the hypothesis’s order of indicators and leaves out those neither named nor measured in this cycle', () => {
    expect(summarise(facts()).indicators.map((i) => i.name)).toEqual(['I trust the library', 'Attendance']);
    const extra = summarise(facts({ aggregates: [...facts().aggregates, measured(3, BELONGING, 5, 4, 3, 5)] }));
    expect(extra.indicators.map((i) => i.name)).toEqual(['I trust the library', 'Attendance', 'Sense of belonging']);
  });

  it('lists the run chart’s points by cycle, and ignores cycles after this one', () => {
    const later = summarise(facts({ aggregates: [...facts().aggregates, measured(4, TRUST, 9, 4.5, 4, 5)] }));
    expect(later.indicators[0].series.map((p) => [p.cycleNumber, p.mean])).toEqual([
      [1, 3.1],
      [2, 3.4],
      [3, 3.9],
    ]);
  });

  it('counts a target as met in the indicator’s direction', () => {
    const decreasing = facts({ indicators: facts().indicators.map((i) => (i.id === ATTENDANCE ? { ...i, direction: 'decrease' as const, target: 20 } : i)) });
    expect(summarise(decreasing).indicators[1]).toMatchObject({ mean: 19.33, targetMet: true, differenceFromTarget: -0.67 });
  });

  it('reports an indicator named in the hypothesis but not measured with n 0 and no statistics', () => {
    const [, attendance] = summarise(
      facts({ aggregates: facts().aggregates.filter((a) => !(a.indicatorId === ATTENDANCE && a.cycleNumber === 3)) }),
    ).indicators;
    expect(attendance).toMatchObject({
      n: 0,
      mean: null,
      min: null,
      max: null,
      changeFromBaseline: null,
      targetMet: null,
      previous: { cycleNumber: 1 },
      changeFromPrevious: null,
    });
  });

  it('counts this cycle’s evidence by kind and how many quotes and stories are not shown', () => {
    const content = summarise(facts());
    expect(content.evidence).toEqual({ total: 20, measurements: 14, observations: 2, quotes: 3, stories: 1 });
    expect(content.quotesNotShown).toBe(2);
  });

  it('sets each prediction beside what the evidence showed: observed mean and n, met or not in the predicted direction', () => {
    const predicted = facts({
      hypothesis: {
        ...facts().hypothesis!,
        predictions: [
          { indicatorId: ATTENDANCE, from: 12, to: 18, note: 'Mean per Saturday' },
          { indicatorId: TRUST, from: null, to: 4.2, note: null },
        ],
      },
    });
    expect(summarise(predicted).predictions).toEqual([
      {
        indicatorId: ATTENDANCE,
        indicatorName: 'Attendance',
        unit: 'people',
        from: 12,
        to: 18,
        note: 'Mean per Saturday',
        direction: 'increase',
        observed: { n: 3, mean: 19.33 },
        met: true,
        differenceFromPrediction: 1.33,
      },
      {
        indicatorId: TRUST,
        indicatorName: 'I trust the library',
        unit: 'score (1–5)',
        from: null,
        to: 4.2,
        note: null,
        direction: 'increase',
        observed: { n: 11, mean: 3.9 },
        met: false,
        differenceFromPrediction: -0.3,
      },
    ]);
    expect(summarise(facts()).predictions).toEqual([]);
  });

  it('counts a 1–5 scale’s answers per point this cycle, and the entries that are means rather than one score', () => {
    const [trust, attendance] = summarise(facts()).indicators;
    expect(trust.distribution).toEqual({
      n: 10,
      counts: [
        { point: 1, entries: 0 },
        { point: 2, entries: 0 },
        { point: 3, entries: 3 },
        { point: 4, entries: 5 },
        { point: 5, entries: 2 },
      ],
      notWhole: 1,
    });
    expect(attendance.distribution).toBeNull();
  });

  it('lists this cycle’s adaptations with the labels their chart markers carry, numbered across the cycles', () => {
    expect(summarise(facts()).adaptationLog.map((a) => [a.label, a.madeOn, a.whatChanged])).toEqual([
      ['A2', '2026-04-25', 'Greeters at the door'],
      ['A3', '2026-05-09', 'Skipped the closing circle once'],
    ]);
  });

  it('sets each survey outcome’s before beside this cycle’s after, with n, and leaves out later cycles', () => {
    const [trust] = summarise(facts()).outcomes;
    expect(trust.before).toMatchObject({ cycleNumber: 1, mean: 3.1, n: 10 });
    expect(trust.after).toMatchObject({ cycleNumber: 3, mean: 3.9, n: 11 });
    expect(trust.change).toBe(0.8);
    expect(trust.cycles.map((c) => c.cycleNumber)).toEqual([1, 3]);
  });

  it('gives the run charts every adaptation up to this cycle as a labelled marker, with the cycles’ spans', () => {
    const content = summarise(facts());
    expect(content.chartMarkers.map((m) => [m.label, m.cycleNumber, m.madeOn])).toEqual([
      ['A1', 2, '2026-04-04'],
      ['A2', 3, '2026-04-25'],
      ['A3', 3, '2026-05-09'],
    ]);
    expect(content.cycleSpans).toHaveLength(3);
  });

  it('names the hypothesis’s indicators and carries the reflection’s decision', () => {
    const content = summarise(facts());
    expect(content.hypothesis?.indicatorNames).toEqual(['I trust the library', 'Attendance']);
    expect(content.decision).toBe('adapt');
    expect(summarise(facts({ reflection: null })).decision).toBeNull();
  });
});

describe('summary compiler', () => {
  const compiler = new SummaryCompiler();
  const hostile = '<script>alert("x")</script> **bold** [link](javascript:alert(1)) | pipe';

  it('puts a long run of spaces in a one-line field in linear time, and still joins lines', () => {
    const spaces = ' '.repeat(200_000);
    const started = Date.now();
    const { markdown } = new SummaryCompiler().compile(
      facts({
        cycle: { ...facts().cycle, title: `Saturday${spaces}welcome` },
        initiative: { ...facts().initiative, title: `Community \n  ${spaces}\n Conversations` },
      }),
    );
    expect(Date.now() - started).toBeLessThan(LINEAR_BOUND_MS);
    expect(markdown).toContain(`# Cycle 3: Saturday${spaces}welcome`);
    expect(markdown).toContain('**Community Conversations**');
  });

  it('renders Markdown with every section and the indicator table', () => {
    const { markdown } = compiler.compile(facts());
    expect(markdown).toMatch(/^# Cycle 3: Saturday welcome\n/);
    for (const heading of ['## Hypothesis', '## Adaptation', '## Evidence', '## Quotes and stories', '## Reflection', '## Decision'])
      expect(markdown).toContain(`\n${heading}\n`);
    expect(markdown).toContain('| Attendance (people) | 3 | 19.33 | 16 | 22 | 12 (+7.33) | 18 (met) | 14 (cycle 1, n=4) | +5.33 |');
    expect(markdown).toContain('**Adapt.** Add a Dari-speaking volunteer on Saturdays.');
    expect(markdown).toContain('**Community Conversations** · Riverbend Public Library\\\nPlanned 2026-04-20');
    expect(markdown).toContain('- **Attendance by cycle:** cycle 1: 14 (n=4) · cycle 3: 19.33 (n=3)');
    expect(markdown).toContain('> A grandmother brought\n> two neighbours.\n>\n> — story, 2026-05-02');
    expect(markdown).toContain("_…and 2 more in the cycle's evidence._");
    expect(markdown).not.toMatch(/\n{3,}/);
  });

  it('shows predictions beside the outcome, scale distributions with n, and the adaptation log, in Markdown and HTML', () => {
    const { markdown, html } = compiler.compile(
      facts({
        hypothesis: {
          ...facts().hypothesis!,
          predictions: [
            { indicatorId: ATTENDANCE, from: 12, to: 18, note: null },
            { indicatorId: TRUST, from: 3, to: 4.2, note: null },
          ],
        },
      }),
    );
    expect(markdown).toContain('### Predictions beside the evidence');
    expect(markdown).toContain('| Attendance (people) | from 12 to 18 | 19.33 | 3 | Met (+1.33) |');
    expect(markdown).toContain('| I trust the library (score \\(1–5\\)) | from 3 to 4.2 | 3.9 | 11 | Not met (-0.3) |');
    expect(markdown).toContain(
      '- **I trust the library, scores per point this cycle (n=10):** 1: 0 · 2: 0 · 3: 3 · 4: 5 · 5: 2 (1 more entry is a mean of several answers, not counted by point)',
    );
    expect(markdown).toContain(
      "- **A2 · 2026-04-25:** Greeters at the door — decided by Librarian and volunteers; why: Families felt unsure they were welcome (planned, permanent; keeps the programme's core: yes)",
    );
    expect(markdown).not.toContain('Moved story time');
    expect(html).toContain('<td>Attendance (people)</td><td>from 12 to 18</td><td>19.33</td><td>3</td><td class="met">Met (+1.33)</td>');
    expect(html).toContain('<caption>I trust the library: scores per point this cycle (n=10)</caption>');
    expect(html).toContain('<tr><th scope="row">Answers</th><td>0</td><td>0</td><td>3</td><td>5</td><td>2</td></tr>');
    expect(html).toContain('<li><strong>A3 · 2026-05-09:</strong>');
    // every run chart marks every adaptation up to this cycle, earlier cycles' included
    expect(html.match(/<g class="adaptation"/g)).toHaveLength(2 * 3);
    expect(html).toContain('aria-label="Adaptation A1 on 4 April: Moved story time to Saturday morning"');
  });

  it('shows the trust survey before and after per outcome with n and the answers per point, only when there is survey data', () => {
    const { markdown, html } = compiler.compile(facts());
    expect(markdown).toContain('### Trust survey: before and after per outcome');
    expect(markdown).toContain('| Trust in the library | 3.1 (cycle 1, n=10) | 3.9 (cycle 3, n=11) | +0.8 | 1: 0 · 2: 0 · 3: 3 · 4: 5 · 5: 3 |');
    expect(html).toContain(
      '<tr><th scope="row">Trust in the library</th><td>3.1 (cycle 1, n=10)</td><td>3.9 (cycle 3, n=11)</td><td>+0.8</td><td>1: 0 · 2: 0 · 3: 3 · 4: 5 · 5: 3</td></tr>',
    );
    const none = compiler.compile(facts({ surveyOutcomes: [] }));
    expect(none.markdown).not.toContain('Trust survey');
    expect(none.html).not.toContain('Trust survey');
  });

  it('says so when no prediction was written or no adaptation logged', () => {
    const { markdown, html } = compiler.compile(facts({ adaptations: [] }));
    expect(markdown).toContain('_No prediction was written for this cycle._');
    expect(markdown).toContain('_No adaptations were logged in this cycle._');
    expect(html).toContain('<em>No adaptations were logged in this cycle.</em>');
    expect(html).not.toContain('class="adaptation"');
  });

  it('escapes user text in Markdown so it cannot become HTML, links, emphasis or table cells', () => {
    const { markdown } = compiler.compile(
      facts({
        quotes: [{ kind: 'quote', text: hostile, observedOn: '2026-04-27', source: null }],
        indicators: facts().indicators.map((i) => (i.id === ATTENDANCE ? { ...i, name: 'Attendance | <b>all</b>' } : i)),
        reflection: { ...facts().reflection!, insights: '# Not a heading\n- not a list\n1. not a list either' },
      }),
    );
    expect(markdown).not.toContain('<script>');
    expect(markdown).toContain('> \\<script\\>alert\\("x"\\)\\</script\\> \\*\\*bold\\*\\* \\[link\\]\\(javascript:alert\\(1\\)\\) \\| pipe');
    expect(markdown).toContain('| Attendance \\| \\<b\\>all\\</b\\> (people) |');
    expect(markdown).toContain('\\# Not a heading\n\\- not a list\n1\\. not a list either');
  });

  it('renders HTML with every section, an inline SVG run chart per numeric indicator, and escaped user text', () => {
    const withText = facts({ hypothesis: { ...facts().hypothesis!, indicatorIds: [TRUST, ATTENDANCE, STORIES] } });
    const { html } = compiler.compile({ ...withText, quotes: [{ kind: 'quote', text: hostile, observedOn: '2026-04-27', source: 'O\'Brien & "friends"' }] });
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain('<title>Attendance (people) by day</title>');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('O&#x27;Brien &amp; &quot;friends&quot;');
    expect(html).toContain(
      '<td>Attendance (people)</td><td>3</td><td>19.33</td><td>16</td><td>22</td><td>12 (+7.33)</td><td>18 (met)</td><td>14 (cycle 1, n=4)</td><td>+5.33</td>',
    );
    expect(html).toContain('<strong>Adapt.</strong>');
    expect(html).toContain('Partly supported');
    expect(html).not.toMatch(/<(img|link|iframe)\b|src=/);
  });

  it('carries each indicator’s run chart of every measured day and states its signals in words in Markdown and HTML', () => {
    const days = Array.from({ length: 13 }, (_, k) => new Date(Date.UTC(2026, 2, 2 + k * 3)).toISOString().slice(0, 10));
    const values = [10, 11, 10, 9, 10, 9, 14, 15, 13, 14, 15, 13, 15];
    const points = values.map((value, k) => ({ day: days[k], value, n: 3 }));
    const words = 'shift: 7 points above the median since 20 March, after adaptation A2';
    const signal = { kind: 'shift' as const, from: days[6], to: days[12], points: 7, direction: 'above' as const, after: 'A2', words };
    const markers = [
      { label: 'A1', madeOn: '2026-03-04' },
      { label: 'A2', madeOn: '2026-03-19' },
    ];
    const chart = {
      initiativeId: 'i1',
      indicatorId: ATTENDANCE,
      points,
      median: { median: 10, basis: 'baseline' as const, points: 6 },
      markers,
      signals: [signal],
    };
    const { json, markdown, html } = compiler.compile(facts({ charts: [chart] }));
    const attendance = json.indicators.find((i) => i.id === ATTENDANCE)!;
    expect(attendance.chart).toEqual({ points, median: 10, basis: 'baseline', markers, signals: [signal] });
    expect(json.indicators.find((i) => i.id === TRUST)!.chart).toEqual(expect.objectContaining({ points: [], median: null, signals: [] }));
    expect(markdown).toContain(`- **Attendance, run chart of 13 measured days:** ${words} (read against the median of the baseline, 10).`);
    expect(html).toContain(`<ul class="signals"><li>${words}</li></ul>`);
    expect(html.match(/<circle class="point signal"/g)).toHaveLength(7);
  });

  it('escapes an indicator name inside its chart as well as in the table', () => {
    const { html } = compiler.compile(
      facts({ indicators: facts().indicators.map((i) => (i.id === ATTENDANCE ? { ...i, name: '<img src=x onerror=alert(1)>' } : i)) }),
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('<title>&lt;img src=x onerror=alert(1)&gt; (people) by day</title>');
  });

  it('says so plainly when a section was not recorded', () => {
    const { markdown, html } = compiler.compile(facts({ hypothesis: null, adaptation: null, reflection: null, quotes: [], aggregates: [] }));
    expect(markdown).toContain('_No hypothesis was recorded._');
    expect(markdown).toContain('_No adaptation was recorded._');
    expect(markdown).toContain('_No indicators were named or measured in this cycle._');
    expect(markdown).toContain('_None were recorded in this cycle._');
    expect(markdown).toContain('_No reflection was recorded yet._');
    expect(html).toContain('<em>No reflection was recorded yet.</em>');
    expect(html).not.toContain('<svg');
  });

  it('ends with the coach’s review: every verdict in words, the note, the coach, the date and the round', () => {
    const { markdown, html, json } = compiler.compile(facts());
    expect(json.reviews.map((r) => [r.verdict, r.round])).toEqual([
      ['request_changes', 1],
      ['approve', 2],
    ]);
    expect(markdown).toContain("## Coach's review");
    expect(markdown).toContain('- **Changes requested**, back to reflection · Dana Okafor · 2026-05-01 · round 1: Say how many families came back.');
    expect(markdown).toContain('- **Approved** · Dana Okafor · 2026-05-04 · round 2: Great work with the school \\<b\\>\\!\\</b\\>');
    expect(html).toContain("<h2>Coach's review</h2>");
    expect(html).toContain('<strong>Approved</strong> <span class="meta">· Dana Okafor · 2026-05-04 · round 2</span>');
    expect(html).toContain('Great work with the school &lt;b&gt;!');
    expect(compiler.compile(facts({ reviews: [] })).markdown).toContain('_No coach has reviewed this cycle yet._');
  });

  it('returns the JSON form it rendered from', () => {
    const compiled = compiler.compile(facts());
    expect(compiled.json).toEqual(summarise(facts()));
    expect(compiled.html).toContain('summary version 1, compiled 2026-05-04');
  });
});

describe('Markdown escaping', () => {
  it.each([
    ['*emphasis* and _this_', '\\*emphasis\\* and \\_this\\_'],
    ['[a](b) ![c](d)', '\\[a\\]\\(b\\) \\!\\[c\\]\\(d\\)'],
    ['`code` <b> & a|b', '\\`code\\` \\<b\\> \\& a\\|b'],
    ['# heading', '\\# heading'],
    ['- item\n+ item\n= line', '\\- item\n\\+ item\n\\= line'],
    ['2026. A year', '2026\\. A year'],
    ['    indented code', 'indented code'],
    ['a - b. c', 'a - b. c'],
  ])('escapes %j', (text, escaped) => expect(escapeMarkdown(text)).toBe(escaped));
});
