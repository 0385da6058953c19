import type { DigestContent, EvidenceBaseItem } from '@r2c/contracts';
import { renderDigest } from './digest-templates';

const learned: EvidenceBaseItem = {
  cycleId: 'c1',
  cycleNumber: 2,
  cycleTitle: 'World café on Saturdays',
  initiativeId: 'i1',
  initiativeTitle: 'Community Conversations',
  libraryName: 'Riverbend Public Library',
  hypothesis: 'If we hold a world café, newcomers and residents will talk.',
  expectedOutcome: 'Mixed tables',
  change: 'Small tables of four with a host.',
  outcome: 'supported',
  keyInsight: 'Hosts made the difference.',
  measurements: [{ indicatorName: 'Attendance', unit: 'people', mean: 13.5, n: 4 }],
  decision: 'scale',
  tags: [{ id: 't1', name: 'World café', retired: false }],
  closedAt: '2026-03-10T15:00:00.000Z',
  summaryPath: '/cycles/c1/summary',
};

const content = (over: Partial<DigestContent> = {}): DigestContent => ({
  periodStart: '2026-03-09',
  periodEnd: '2026-03-15',
  timezone: 'America/New_York',
  closedCycles: [],
  evidence: [],
  overdueCheckIns: [],
  indicatorTrends: [],
  ...over,
});

describe('the digest: what the pilots learned', () => {
  it('tells each cycle as hypothesis, what changed, what the evidence said with n, and the decision, in both parts', () => {
    const { html, text } = renderDigest(content({ learned: [learned] }));
    for (const part of [html.replace(/&#x3D;/g, '='), text]) {
      expect(part).toMatch(/what the pilots learned/i);
      expect(part).toContain('Community Conversations (Riverbend Public Library), cycle 2: World café on Saturdays');
      expect(part).toContain('We tried: If we hold a world café, newcomers and residents will talk.');
      expect(part).toContain('What changed: Small tables of four with a host.');
      expect(part).toContain('hypothesis supported; Attendance: mean 13.5 people (n = 4)');
      expect(part).toContain('Hosts made the difference.');
      expect(part).toContain('Strategies: World café');
    }
  });

  it('leaves the section out when nothing was learned, and for digests compiled before it existed', () => {
    expect(renderDigest(content({ learned: [] })).text).not.toMatch(/what the pilots learned/i);
    expect(renderDigest(content()).html).not.toMatch(/what the pilots learned/i);
  });
});
