import { fillSlots, inlineStyles, inlineStylesOfShared, wrapText } from '@r2c/notify';
import type { DigestContent } from './digest-content';
import { renderDigest, renderDigestForEach, renderDigestWithSlots } from './digest-templates';

const content = (overrides: Partial<DigestContent> = {}): DigestContent => ({
  periodStart: '2026-03-09',
  periodEnd: '2026-03-15',
  timezone: 'America/New_York',
  closedCycles: [
    {
      cycleId: 'c1',
      cycleNumber: 2,
      cycleTitle: 'Bilingual welcome',
      initiativeId: 'i1',
      initiativeTitle: 'Community Conversations',
      libraryName: 'Riverbend Library',
      closedAt: '2026-03-10T15:00:00.000Z',
      outcome: 'partly_supported',
      decision: 'adapt',
      keyInsight: 'Attendance rose; trust rose a little.',
      nextSteps: 'Add a Dari-speaking volunteer on Saturdays.',
    },
  ],
  evidence: [
    {
      initiativeId: 'i1',
      initiativeTitle: 'Community Conversations',
      libraryName: 'Riverbend Library',
      entries: 3,
      measurements: 2,
      observations: 0,
      quotes: 1,
      stories: 0,
    },
  ],
  overdueCheckIns: [{ initiativeId: 'i2', initiativeTitle: 'Story Circles', libraryName: 'Pine Ridge Library', dueOn: '2026-03-12', daysOverdue: 4 }],
  indicatorTrends: [
    {
      indicatorId: 'n1',
      indicatorName: 'Attendance',
      unit: 'people',
      direction: 'increase',
      initiativeId: 'i1',
      initiativeTitle: 'Community Conversations',
      cycleNumber: 2,
      mean: 16,
      measurements: 1,
      previousMean: 12,
      change: 4,
      trend: 'better',
    },
  ],
  ...overrides,
});

describe('the digest templates', () => {
  it('names the period and its news in the subject', () => {
    expect(renderDigest(content()).subject).toBe('R2C coalition digest, 9–15 March 2026: 1 cycle closed');
  });

  it('shows each closed cycle with its decision and key insight, evidence, trends and (to coaches) overdue check-ins, in both parts', () => {
    const { html, text } = renderDigest(content(), undefined, undefined, 'coaches');
    expect(text).toContain(
      [
        '- Community Conversations (Riverbend Library), cycle 2: Bilingual welcome',
        '  Outcome: hypothesis partly supported. Decision for the next cycle: Adapt.',
        '  Key insight: Attendance rose; trust rose a little.',
        '  Next steps: Add a Dari-speaking volunteer on Saturdays.',
      ].join('\n'),
    );
    expect(text).toContain('- Community Conversations (Riverbend Library): 3 entries: 2 measurements, 1 quote');
    expect(text).toContain('- Attendance (people), Community Conversations, cycle 2: mean 16 against 12 in cycle 1 (+4, moved the right way)');
    expect(text).toContain('- Story Circles (Pine Ridge Library): due 2026-03-12, 4 days overdue');
    expect(html).toContain('<strong>Community Conversations (Riverbend Library), cycle 2: Bilingual welcome</strong>');
    expect(html).toContain('Decision for the next cycle: <strong>Adapt</strong>');
    expect(html).toContain('Key insight: <em>Attendance rose; trust rose a little.</em>');
    expect(html).toContain('<strong>Community Conversations (Riverbend Library)</strong>: 3 entries: 2 measurements, 1 quote</li>');
    expect(html).toContain('<strong>Attendance (people), Community Conversations, cycle 2</strong>: mean 16 against 12 in cycle 1 (+4, moved the right way)');
    expect(html).toContain('<strong>Story Circles (Pine Ridge Library)</strong>: due 2026-03-12, 4 days overdue');
  });

  it('escapes hostile text in the HTML and leaves the plain text as typed', () => {
    const hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
    const { html, text } = renderDigest(
      content({
        closedCycles: [{ ...content().closedCycles[0], keyInsight: hostile, cycleTitle: '<b>bold</b>', nextSteps: '"quoted" & \'single\'' }],
      }),
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(html).toContain('&quot;quoted&quot; &amp; &#x27;single&#x27;');
    expect(text).toContain(hostile);
    expect(text).toContain('"quoted" & \'single\'');
  });

  it('names overdue check-ins only in the coaches’ copy, never in the coalition’s', () => {
    const coalition = renderDigest(content());
    const coaches = renderDigest(content(), undefined, undefined, 'coaches');
    for (const part of [coalition.html, coalition.text]) {
      expect(part).not.toContain('Story Circles');
      expect(part).not.toMatch(/overdue/i);
      expect(part).not.toContain('up to date with its check-ins');
    }
    expect(coaches.text).toContain('OVERDUE CHECK-INS (IN THE COPY FOR COACHES ONLY)\n- Story Circles (Pine Ridge Library): due 2026-03-12, 4 days overdue');
    expect(coaches.subject).toBe(coalition.subject);
    expect(renderDigestForEach(content(), 'coaches')('https://r2c.example.org/u').text).toContain('4 days overdue');
    expect(renderDigestForEach(content())('https://r2c.example.org/u').text).not.toContain('overdue');
  });

  it('counts the check-ins held when there were any', () => {
    expect(renderDigest(content({ checkInsHeld: 2 })).text).toContain('1 cycle closed, 3 evidence entries logged, 2 check-ins held.');
    expect(renderDigest(content({ checkInsHeld: 0 })).text).toContain('1 cycle closed, 3 evidence entries logged.');
  });

  it('says so when a section has no news', () => {
    const { html, text } = renderDigest(content({ closedCycles: [], evidence: [], overdueCheckIns: [], indicatorTrends: [] }), undefined, undefined, 'coaches');
    for (const part of [html, text]) {
      expect(part).toContain('No cycle closed in this period.');
      expect(part).toContain('No evidence was logged in this period.');
      expect(part).toContain('No measurements in the cycles closed this period.');
      expect(part).toContain('Every active initiative is up to date with its check-ins.');
    }
    expect(renderDigest(content({ closedCycles: [] })).subject).toBe('R2C coalition digest, 9–15 March 2026: 0 cycles closed');
  });

  it('adds the unsubscribe link to an email, escaped in the HTML, and leaves it out of the web version', () => {
    const link = 'https://r2c.example.org/api/v1/unsubscribe?token=abc.def&x=1';
    const email = renderDigest(content(), link);
    expect(email.html).toContain('<a href="https://r2c.example.org/api/v1/unsubscribe?token&#x3D;abc.def&amp;x&#x3D;1">Unsubscribe from the digest</a>');
    expect(email.text).toContain(`Unsubscribe with one click:\n${link}`);
    const web = renderDigest(content());
    expect(web.html).not.toContain('Unsubscribe');
    expect(web.text).not.toContain('Unsubscribe');
  });

  it('gives every recipient of a digest rendered once the same copy as rendering it for them alone', () => {
    const copyFor = renderDigestForEach(content());
    for (const link of ['https://r2c.example.org/api/v1/unsubscribe?token=abc.def&x=1', 'http://localhost:3000/api/v1/unsubscribe?token=<"\'>`=']) {
      expect(copyFor(link)).toEqual(renderDigest(content(), link));
    }
  });

  it('sends each person, from the shared body and their links, the bytes a copy rendered and inlined for them alone would be', () => {
    const links = [
      ['https://r2c.example.org/api/v1/unsubscribe?token=abc.def&x=1', 'https://r2c.example.org/api/v1/digest-preferences?token=abc.def'],
      ['http://localhost:3000/api/v1/unsubscribe?token=<"\'>`=', 'http://localhost:3000/p?a=1&b={{x}}'],
    ];
    for (const audience of ['coalition', 'coaches'] as const) {
      const copy = renderDigestWithSlots(content(), audience);
      for (const [unsubscribe, preferences] of links) {
        const alone = renderDigest(content(), unsubscribe, preferences, audience);
        const fills = copy.fills(unsubscribe, preferences);
        expect(fillSlots(inlineStylesOfShared(copy.body.html!), fills, 'html')).toBe(inlineStyles(alone.html));
        expect(wrapText(fillSlots(copy.body.text, fills, 'text'))).toBe(wrapText(alone.text));
        expect(copy.subject).toBe(alone.subject);
      }
    }
  });

  it('writes plain text without blank runs left by the template', () => {
    for (const audience of ['coalition', 'coaches'] as const) {
      for (const link of [undefined, 'https://r2c.example.org/u']) expect(renderDigest(content(), link, link, audience).text).not.toMatch(/\n{3,}/);
    }
    expect(renderDigest(content()).text.startsWith('R2C COALITION DIGEST\n9–15 March 2026: 1 cycle closed, 3 evidence entries logged.\n')).toBe(true);
    const coaches = renderDigest(content(), undefined, undefined, 'coaches').text;
    expect(coaches.startsWith('R2C COALITION DIGEST\n9–15 March 2026: 1 cycle closed, 3 evidence entries logged, 1 check-in overdue.\n')).toBe(true);
  });
});
