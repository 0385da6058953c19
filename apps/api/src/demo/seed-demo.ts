import { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { InitiativesService, LibrariesService, UsersService } from '@r2c/access';
import type { Principal, Role, UserView } from '@r2c/access';
import { AdaptationLogService, CheckInsService, CyclesService, EvidenceService, IndicatorsService, PHASES, phaseIndex } from '@r2c/cycles';
import type { Phase } from '@r2c/cycles';
import { StrategyTagsService } from '@r2c/learning';
import { Clock, passwordProblem } from '@r2c/core';
import { DEMO_ADMIN, DEMO_COACHES, DEMO_EMAIL_DOMAIN, DEMO_LABEL, DEMO_PILOTS, DEMO_SUBSCRIBERS } from './demo-content';
import type { DemoCycle, DemoPerson, DemoPilot } from './demo-content';

export interface DemoLogin {
  email: string;
  name: string;
  role: Role;
  /** Titles of the initiatives this account works on; empty for the admin and subscribers. */
  initiatives: string[];
}

export interface DemoLogins {
  /** The one password every demo account shares. */
  password: string;
  logins: DemoLogin[];
  libraries: number;
  initiatives: number;
  cycles: number;
}

export interface SeedDemoOptions {
  /** Defaults to a fresh random password, printed once. */
  password?: string;
}

/** A second run finds the demo and creates nothing. */
export class DemoDataPresent extends Error {
  constructor() {
    super(
      `demo data is already there; nothing was created. Sign in with the demo logins printed by the first run ` +
        `(an admin can set a new password for an @${DEMO_EMAIL_DOMAIN} account with PATCH /api/v1/users/:id).`,
    );
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const demoEmail = (person: DemoPerson) => `${person.mailbox}@${DEMO_EMAIL_DOMAIN}`;

/**
 * Creates the demo coalition through the real services, so every rule is checked and every change
 * has its audit row: the demo admin sets up libraries, people and initiatives; each librarian records
 * their own cycles and check-ins; the coaches review.
 */
export async function seedDemo(app: INestApplicationContext, options: SeedDemoOptions = {}): Promise<DemoLogins> {
  const password = options.password ?? `demo-${randomBytes(9).toString('base64url')}`;
  const problem = passwordProblem(password);
  if (problem) throw new Error(`the demo password (--password) ${problem}`);
  return new DemoSeeder(app, password).run();
}

class DemoSeeder {
  private readonly users: UsersService;
  private readonly libraries: LibrariesService;
  private readonly initiatives: InitiativesService;
  private readonly indicators: IndicatorsService;
  private readonly cycles: CyclesService;
  private readonly evidence: EvidenceService;
  private readonly adaptationLog: AdaptationLogService;
  private readonly checkIns: CheckInsService;
  private readonly tags: StrategyTagsService;
  private tagIds: Map<string, string> | null = null;
  private readonly today: number;
  private readonly logins = new Map<string, DemoLogin>();
  private cycleCount = 0;

  constructor(
    private readonly app: INestApplicationContext,
    private readonly password: string,
  ) {
    this.users = app.get(UsersService);
    this.libraries = app.get(LibrariesService);
    this.initiatives = app.get(InitiativesService);
    this.indicators = app.get(IndicatorsService);
    this.adaptationLog = app.get(AdaptationLogService);
    this.cycles = app.get(CyclesService);
    this.evidence = app.get(EvidenceService);
    this.checkIns = app.get(CheckInsService);
    this.tags = app.get(StrategyTagsService);
    this.today = app.get(Clock).now().getTime();
  }

  async run(): Promise<DemoLogins> {
    await this.assertNotSeeded();
    const admin = await this.account(null, DEMO_ADMIN, 'admin');
    const coaches = new Map<string, Principal>();
    for (const coach of DEMO_COACHES) coaches.set(coach.key, await this.account(admin, coach, 'coach'));
    for (const subscriber of DEMO_SUBSCRIBERS) await this.account(admin, subscriber, 'subscriber');
    for (const pilot of DEMO_PILOTS) await this.pilot(admin, coaches, pilot);
    return {
      password: this.password,
      logins: [...this.logins.values()],
      libraries: DEMO_PILOTS.length,
      initiatives: DEMO_PILOTS.length,
      cycles: this.cycleCount,
    };
  }

  private async assertNotSeeded(): Promise<void> {
    const names = DEMO_PILOTS.map((p) => p.library.name);
    const emails = [DEMO_ADMIN, ...DEMO_COACHES, ...DEMO_SUBSCRIBERS, ...DEMO_PILOTS.map((p) => p.librarian)].map(demoEmail);
    const [library, user] = await Promise.all([this.app.get(LibrariesService).anyNamed(names), this.app.get(UsersService).anyWithEmail(emails)]);
    if (library || user) throw new DemoDataPresent();
  }

  private async account(actor: Principal | null, person: DemoPerson, role: Role): Promise<Principal> {
    const user: UserView = await this.users.create(actor, { email: demoEmail(person), name: person.name, role, password: this.password });
    this.logins.set(user.id, { email: user.email, name: user.name, role, initiatives: [] });
    return { id: user.id, email: user.email, name: user.name, role: user.role };
  }

  private async pilot(admin: Principal, coaches: Map<string, Principal>, pilot: DemoPilot): Promise<void> {
    if (!pilot.library.name.endsWith(DEMO_LABEL)) throw new Error(`demo library "${pilot.library.name}" must be labelled ${DEMO_LABEL}`);
    const library = await this.libraries.create(admin, pilot.library);
    const { startedDaysAgo, ...initiativeFields } = pilot.initiative;
    const initiative = await this.initiatives.create(admin, { ...initiativeFields, libraryId: library.id, startDate: this.daysAgo(startedDaysAgo) });
    const librarian = await this.account(admin, pilot.librarian, 'librarian');
    const coach = coaches.get(pilot.coach);
    if (!coach) throw new Error(`demo pilot "${initiative.title}" names an unknown coach "${pilot.coach}"`);
    for (const [member, role] of [
      [librarian, 'librarian'],
      [coach, 'coach'],
    ] as const) {
      await this.initiatives.setMember(admin, initiative.id, member.id, { role });
      this.logins.get(member.id)!.initiatives.push(initiative.title);
    }

    const indicatorIds = new Map<string, string>();
    for (const { ref, templateKey, custom, baseline, target } of pilot.indicators) {
      const created = await this.indicators.create(librarian, initiative.id, { templateKey, ...custom, baseline, target });
      indicatorIds.set(ref, created.id);
    }
    for (const cycle of pilot.cycles) await this.cycle(initiative.id, cycle, indicatorIds, librarian, coach);
    for (const checkIn of pilot.checkIns) await this.checkIns.create(librarian, initiative.id, checkIn);
  }

  /** Walks one cycle through its phases the way its librarian and coach would, and stops at `demo.phase`. */
  private async cycle(initiativeId: string, demo: DemoCycle, indicatorIds: Map<string, string>, librarian: Principal, coach: Principal): Promise<void> {
    const indicator = (ref: string) => {
      const id = indicatorIds.get(ref);
      if (!id) throw new Error(`demo cycle "${demo.title}" names an unknown indicator "${ref}"`);
      return id;
    };
    const { id } = await this.cycles.create(librarian, initiativeId, {
      title: demo.title,
      plannedStart: this.daysAgo(demo.startedDaysAgo),
      plannedEnd: this.daysAgo(demo.startedDaysAgo - demo.plannedDays),
    });
    this.cycleCount++;
    const reaches = (phase: Phase) => phaseIndex(demo.phase) >= phaseIndex(phase);
    const moveTo = (to: Phase) => this.cycles.transition(librarian, id, to);

    const { indicators, predictions = [], ...hypothesis } = demo.hypothesis;
    await this.cycles.saveSection(librarian, id, 'hypothesis', {
      ...hypothesis,
      indicatorIds: indicators.map(indicator),
      predictions: predictions.map(({ indicator: ref, ...prediction }) => ({ ...prediction, indicatorId: indicator(ref) })),
    });
    if (demo.strategies?.length) await this.tags.tagCycle(librarian, id, await this.strategyTagIds(demo));
    for (const { daysAgo, ...entry } of demo.adaptationLog ?? []) await this.adaptationLog.add(librarian, id, { ...entry, madeOn: this.daysAgo(daysAgo) });
    if (reaches('adaptation')) {
      await moveTo('adaptation');
      if (demo.adaptation) {
        const { implementedDaysAgo, ...adaptation } = demo.adaptation;
        await this.cycles.saveSection(librarian, id, 'adaptation', { ...adaptation, implementedOn: this.daysAgo(implementedDaysAgo) });
      }
    }
    if (reaches('evidence')) {
      await moveTo('evidence');
      for (const { indicator: ref, daysAgo, ...entry } of demo.evidence ?? []) {
        await this.evidence.add(librarian, id, { ...entry, indicatorId: ref ? indicator(ref) : undefined, observedOn: this.daysAgo(daysAgo) });
      }
    }
    if (reaches('reflection')) {
      await moveTo('reflection');
      if (demo.reflection) await this.cycles.saveSection(librarian, id, 'reflection', demo.reflection);
    }
    if (reaches('review')) await moveTo('review');
    for (const review of demo.reviews ?? []) {
      const after = await this.cycles.review(coach, id, { verdict: review.verdict, body: review.body, returnTo: review.returnTo });
      if (review.verdict !== 'request_changes') continue;
      if (review.revisedInsights) await this.cycles.saveSection(librarian, id, 'reflection', { ...demo.reflection, insights: review.revisedInsights });
      for (const phase of PHASES.slice(phaseIndex(after.phase) + 1, phaseIndex('review') + 1)) await moveTo(phase);
    }

    const { phase } = await this.cycles.get(librarian, id);
    if (phase !== demo.phase) throw new Error(`demo cycle "${demo.title}" ended in ${phase}, not ${demo.phase}`);
  }

  private async strategyTagIds(demo: DemoCycle): Promise<string[]> {
    this.tagIds ??= new Map((await this.tags.list(true)).map((t) => [t.name, t.id]));
    return (demo.strategies ?? []).map((name) => {
      const id = this.tagIds!.get(name);
      if (!id) throw new Error(`demo cycle "${demo.title}" names an unknown strategy tag "${name}"`);
      return id;
    });
  }

  private daysAgo(days: number): string {
    return new Date(this.today - days * DAY_MS).toISOString().slice(0, 10);
  }
}

const ROLE_NOTE: Partial<Record<Role, string>> = { admin: 'all initiatives (programme staff)', subscriber: 'coalition digests and published summaries' };

/** The table `npm run seed:demo` prints. */
export function formatDemoLogins(demo: DemoLogins): string {
  const rows = demo.logins.map((l) => [l.email, l.role, l.initiatives.join('; ') || ROLE_NOTE[l.role] || '']);
  const header = ['email', 'role', 'initiative'];
  const widths = [0, 1].map((i) => Math.max(header[i].length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i < widths.length ? cell.padEnd(widths[i]) : cell))
      .join('  ')
      .trimEnd();
  return [
    `Demo data created: ${demo.libraries} fictional pilot libraries marked "${DEMO_LABEL}", ${demo.initiatives} initiatives, ${demo.cycles} cycles.`,
    `This is demo data, for exploring only. Every demo account ends in @${DEMO_EMAIL_DOMAIN}.`,
    '',
    `Demo password (the same for every account below): ${demo.password}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w)).concat('-'.repeat(10))),
    ...rows.map(line),
    '',
    'Sign in with POST /api/v1/auth/login {"email", "password"}; the API is described at /docs.',
    '',
  ].join('\n');
}
