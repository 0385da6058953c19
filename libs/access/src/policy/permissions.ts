import type { DigestSharing, MemberRole, Role } from '@r2c/contracts';

/** Everything a caller may be allowed to do, by name. Routes and services ask for these, never for roles. */
export const Permission = {
  // about the caller's account: asked by routes with @Requires()
  UsersManage: 'users.manage',
  InvitationsManage: 'invitations.manage',
  UsersImport: 'users.import',
  LibrariesRead: 'libraries.read',
  LibrariesManage: 'libraries.manage',
  InitiativesCreate: 'initiatives.create',
  InitiativesList: 'initiatives.list',
  AuditRead: 'audit.read',
  ReviewQueueRead: 'reviewQueue.read',
  DigestsRead: 'digests.read',
  DigestsRun: 'digests.run',
  OutboxManage: 'outbox.manage',
  RemindersRun: 'reminders.run',
  ExportCoalition: 'export.coalition',
  SummaryCompile: 'summary.compile',
  QueueDashboardOpen: 'queueDashboard.open',
  ProgrammeRead: 'programme.read',
  StrategyTagsManage: 'strategyTags.manage',
  EvidenceBaseRead: 'evidenceBase.read',
  // about one initiative, or one of its cycles: asked with its id
  InitiativeRead: 'initiative.read',
  InitiativeManage: 'initiative.manage',
  InitiativeShare: 'initiative.share',
  InitiativeContribute: 'initiative.contribute',
  ExportRun: 'export.run',
  CycleContribute: 'cycle.contribute',
  CycleAdvance: 'cycle.advance',
  CycleReturn: 'cycle.return',
  CycleReview: 'cycle.review',
  SummaryRead: 'summary.read',
} as const;

export type Permission = (typeof Permission)[keyof typeof Permission];
export const PERMISSIONS: readonly Permission[] = Object.values(Permission);

/**
 * Who holds a permission. On an account permission, `librarian` and `coach` mean accounts of that
 * role; on an initiative or cycle permission they mean the initiative's librarians and coaches.
 * `signed-in` is anyone with a valid token; `signed-in, if shared` is anyone, for a summary the
 * initiative shares (see `sharesSummary`).
 */
export type Holder = 'admin' | MemberRole | 'signed-in' | 'signed-in, if shared';

export interface PermissionRule {
  about: 'account' | 'initiative' | 'cycle';
  holders: readonly Holder[];
  /** The 403's message, for a caller who can see the thing but may not do this. */
  refusal: string;
}

const ADMINS_ONLY = (what: string): PermissionRule => ({ about: 'account', holders: ['admin'], refusal: `Only admin accounts can ${what}.` });

/** The one table of who may do what. */
export const PERMISSION_RULES: Record<Permission, PermissionRule> = {
  'users.manage': ADMINS_ONLY('manage user accounts'),
  'invitations.manage': ADMINS_ONLY('invite people or see and revoke invitations'),
  'users.import': ADMINS_ONLY('import subscribers'),
  'libraries.read': { about: 'account', holders: ['signed-in'], refusal: 'Sign in to see the libraries.' },
  'libraries.manage': ADMINS_ONLY('add or change libraries'),
  'initiatives.create': ADMINS_ONLY('start an initiative'),
  'initiatives.list': { about: 'account', holders: ['signed-in'], refusal: 'Sign in to see initiatives.' },
  'audit.read': { about: 'account', holders: ['admin', 'coach'], refusal: 'Only admins and coaches can read the audit log.' },
  'reviewQueue.read': { about: 'account', holders: ['admin', 'coach'], refusal: 'Only coaches and admins have a review queue.' },
  'digests.read': { about: 'account', holders: ['signed-in'], refusal: 'Sign in to read the coalition digests.' },
  'digests.run': ADMINS_ONLY('run a coalition digest'),
  'outbox.manage': ADMINS_ONLY('see and retry outgoing email'),
  'reminders.run': ADMINS_ONLY('run the check-in reminders'),
  'export.coalition': ADMINS_ONLY('export the whole coalition'),
  'summary.compile': ADMINS_ONLY('compile a summary on demand'),
  'queueDashboard.open': ADMINS_ONLY('see the queue dashboard'),
  'programme.read': ADMINS_ONLY('see the programme view of every pilot'),
  'strategyTags.manage': ADMINS_ONLY('add, rename or retire strategy tags'),
  'evidenceBase.read': { about: 'account', holders: ['signed-in'], refusal: 'Sign in to search the evidence base.' },
  'initiative.read': { about: 'initiative', holders: ['admin', 'librarian', 'coach'], refusal: 'You cannot see this initiative.' },
  'initiative.manage': { about: 'initiative', holders: ['admin'], refusal: 'Only admins can change an initiative and its members.' },
  'initiative.share': {
    about: 'initiative',
    holders: ['admin', 'librarian'],
    refusal: "Only the initiative's librarians and admins can choose what it shares in the digest.",
  },
  'initiative.contribute': {
    about: 'initiative',
    holders: ['admin', 'librarian'],
    refusal: "Only the initiative's librarians and admins can record or change its work.",
  },
  'export.run': { about: 'initiative', holders: ['admin', 'librarian', 'coach'], refusal: "Only the initiative's members and admins can export it." },
  'cycle.contribute': {
    about: 'cycle',
    holders: ['admin', 'librarian'],
    refusal: "Only the initiative's librarians and admins can record or change its work.",
  },
  'cycle.advance': {
    about: 'cycle',
    holders: ['admin', 'librarian'],
    refusal: "Only the initiative's librarians and admins move a cycle forward; coaches review cycles rather than advance them.",
  },
  'cycle.return': {
    about: 'cycle',
    holders: ['admin', 'coach'],
    refusal: "Only the initiative's coaches and admins can send a cycle back to an earlier phase; earlier phases can still be edited without moving back.",
  },
  'cycle.review': { about: 'cycle', holders: ['admin', 'coach'], refusal: "Only the initiative's coaches and admins can review its cycles." },
  'summary.read': { about: 'cycle', holders: ['admin', 'librarian', 'coach', 'signed-in, if shared'], refusal: 'You cannot read this summary.' },
};

/** The caller's standing towards an initiative: admin, one of its members, or anyone else signed in. */
export type Standing = 'admin' | MemberRole | 'outsider';

export type Decision = { allowed: true } | { allowed: false; status: 403 | 404; reason: string };

const GRANTED: Decision = Object.freeze({ allowed: true });

/**
 * A summary is shared with the whole coalition when its cycle is closed and the initiative's digest
 * sharing lets closed cycles through (`everything` or `closed_cycles`); with `nothing` it stays with
 * the initiative's people, whatever digest a cycle id appeared in before.
 */
export function sharesSummary(phase: string, digestSharing: DigestSharing | undefined): boolean {
  return phase === 'closed' && (digestSharing ?? 'everything') !== 'nothing';
}

/** The standing an account permission is judged by: the account's role, subscribers being outsiders. */
export function accountStanding(role: Role): Standing {
  return role === 'subscriber' ? 'outsider' : role;
}

/**
 * May someone of `standing` do `permission`? An outsider who may not is told the thing does not
 * exist (404) when it is about an initiative or a cycle; anyone else who may not gets 403.
 * `shared` says whether the cycle's summary is shared (only summary.read asks).
 */
export function decide(permission: Permission, standing: Standing, shared = false): Decision {
  const rule = PERMISSION_RULES[permission];
  const holders = rule.holders;
  if (holders.includes('signed-in')) return GRANTED;
  if (standing !== 'outsider' && holders.includes(standing)) return GRANTED;
  if (shared && holders.includes('signed-in, if shared')) return GRANTED;
  if (standing === 'outsider' && rule.about !== 'account')
    return { allowed: false, status: 404, reason: rule.about === 'cycle' ? 'No cycle with this id.' : 'No initiative with this id.' };
  return { allowed: false, status: 403, reason: rule.refusal };
}

/** Whether someone of `standing` holds `permission` on a thing they can see (for showing only the buttons that work). */
export function holds(permission: Permission, standing: Standing): boolean {
  return decide(permission, standing).allowed;
}

/** The initiative roles that hold `permission`, for narrowing lists to the initiatives where the caller holds it. */
export function memberRolesHolding(permission: Permission): MemberRole[] {
  const holders = PERMISSION_RULES[permission].holders;
  return (['librarian', 'coach'] as const).filter((role) => holders.includes(role));
}
