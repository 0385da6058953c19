import type {
  Adaptation,
  CheckIn,
  CheckInPage,
  Cycle,
  CycleListItem,
  Digest,
  DigestListItem,
  DigestRunAnswer,
  Evidence,
  EvidenceKind,
  EvidenceMethod,
  Hypothesis,
  Indicator,
  IndicatorTemplate,
  Initiative,
  InitiativeStatus,
  InitiativeWithMembers,
  Library,
  LoggedAdaptation,
  LoginResult,
  Me,
  Member,
  MemberRole,
  OutboxMessage,
  OutboxStatus,
  Page,
  Phase,
  QueueDashboardSession,
  Reflection,
  ReviewQueue,
  Role,
  Summary,
  User,
  Verdict,
  WorkingPhase,
} from './types';
import { plainWords } from './plain-words';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** A refused request, told in words a person can act on; `details` name the fields at fault. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: FieldProblem[] = [],
    /** The refusal's body as the API sent it, for answers whose details are not fields (an import's lines). */
    readonly body: unknown = null,
  ) {
    super(message);
  }

  /**
   * The problems named for a form field. A refused move names it with its section
   * (`adaptation.implementedOn`), a refused save without it (`implementedOn`).
   */
  problemsFor(field: string, section?: string): string[] {
    const names = section ? [`${section}.${field}`, field] : [field];
    return this.details.filter((d) => names.includes(d.field)).flatMap((d) => d.problems);
  }
}

const OFFLINE = 'The server could not be reached. Check your connection and try again.';
const SERVER_FAULT = 'Something went wrong on our side. Try again in a moment; if it keeps happening, tell your programme staff.';
const FALLBACK: Record<number, string> = {
  400: 'Some of what you entered could not be accepted.',
  403: 'Your account cannot do this.',
  404: 'We could not find this. It may have been removed, or it belongs to an initiative you are not part of.',
  409: 'This change is not possible right now.',
  413: 'What you sent is too large.',
  429: 'Too many attempts. Wait a few minutes and try again.',
};

let token: string | null = null;
let sessionEnded: () => void = () => undefined;

export function setToken(value: string | null): void {
  token = value;
}

/** Called when the API no longer accepts the token (expired, or the account was deactivated). */
export function onSessionEnded(handler: () => void): void {
  sessionEnded = handler;
}

function detailsOf(body: unknown): FieldProblem[] {
  const details = (body as { details?: unknown })?.details;
  if (!Array.isArray(details)) return [];
  return (details as unknown[]).filter((d): d is FieldProblem => {
    const problem = d as Partial<FieldProblem> | null | undefined;
    return typeof problem?.field === 'string' && Array.isArray(problem?.problems);
  });
}

async function errorFrom(res: Response): Promise<ApiError> {
  if (res.status >= 500) return new ApiError(res.status, SERVER_FAULT);
  const body: unknown = await res.json().catch(() => null);
  const message = (body as { message?: unknown })?.message;
  const words = typeof message === 'string' && message.trim() ? plainWords(message) : (FALLBACK[res.status] ?? 'The request was refused.');
  const details = detailsOf(body).map((d) => ({ ...d, problems: d.problems.map(plainWords) }));
  return new ApiError(res.status, words, details, body);
}

async function call(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, OFFLINE);
  }
  if (res.status === 401 && token) {
    sessionEnded();
    throw new ApiError(401, 'Your session has ended. Sign in again to carry on.');
  }
  if (!res.ok) throw await errorFrom(res);
  return res;
}

async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await call(method, path, body);
  // 204, and a 202 that answers nothing (a sign-up), have no body to read.
  const text = res.status === 204 ? '' : await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The verbs every feature's API calls are made with (this file's `api`, and `api/*.ts` beside it). */
export const get = <T>(path: string) => json<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => json<T>('POST', path, body);
export const put = <T>(path: string, body: unknown) => json<T>('PUT', path, body);
export const patch = <T>(path: string, body: unknown) => json<T>('PATCH', path, body);
export const del = (path: string) => json<void>('DELETE', path);

export const query = (params: Record<string, string | number | undefined>) => {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== '') as [string, string][];
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : '';
};

/** A prediction as sent: `from` and `note` may be left out. */
export interface NewPrediction {
  indicatorId: string;
  from?: number;
  to: number;
  note?: string;
}

export type SectionBody = {
  hypothesis: Partial<Omit<Hypothesis, 'predictions'>> & { predictions?: NewPrediction[] };
  adaptation: Partial<Adaptation>;
  reflection: Partial<Reflection>;
};

export interface NewEvidence {
  kind: EvidenceKind;
  indicatorId?: string;
  value?: number;
  text?: string;
  observedOn: string;
  method: EvidenceMethod;
  source?: string;
  sampleSize?: number;
}

/** An edit of an entry: what is sent replaces the entry's; `null` clears an optional field. */
export type EvidenceChanges = { [K in keyof NewEvidence]-?: undefined extends NewEvidence[K] ? NonNullable<NewEvidence[K]> | null : NewEvidence[K] };

export const api = {
  login: (email: string, password: string) => post<LoginResult>('/api/v1/auth/login', { email, password }),
  me: () => get<Me>('/api/v1/me'),

  users: (role?: Role) => get<Page<User>>(`/api/v1/users${query({ limit: 100, role })}`),
  createUser: (body: { email: string; name: string; role: Role; password: string }) => post<User>('/api/v1/users', body),
  updateUser: (id: string, body: Partial<{ name: string; role: Role; active: boolean; password: string }>) => patch<User>(`/api/v1/users/${id}`, body),

  libraries: () => get<Page<Library>>('/api/v1/libraries?limit=100'),
  library: (id: string) => get<Library>(`/api/v1/libraries/${id}`),
  createLibrary: (body: Omit<Library, 'id' | 'createdAt'>) => post<Library>('/api/v1/libraries', body),
  updateLibrary: (id: string, body: Partial<Omit<Library, 'id' | 'createdAt'>>) => patch<Library>(`/api/v1/libraries/${id}`, body),

  initiatives: (status?: InitiativeStatus) => get<Page<Initiative>>(`/api/v1/initiatives${query({ limit: 100, status })}`),
  initiative: (id: string) => get<InitiativeWithMembers>(`/api/v1/initiatives/${id}`),
  createInitiative: (body: Omit<Initiative, 'id' | 'status' | 'digestSharing' | 'createdAt' | 'updatedAt'>) => post<Initiative>('/api/v1/initiatives', body),
  updateInitiative: (id: string, body: Partial<Initiative>) => patch<Initiative>(`/api/v1/initiatives/${id}`, body),
  setMember: (id: string, userId: string, role: MemberRole) => put<Member>(`/api/v1/initiatives/${id}/members/${userId}`, { role }),
  removeMember: (id: string, userId: string) => del(`/api/v1/initiatives/${id}/members/${userId}`),

  templates: () => get<Page<IndicatorTemplate>>('/api/v1/indicator-templates'),
  indicators: (initiativeId: string) => get<Page<Indicator>>(`/api/v1/initiatives/${initiativeId}/indicators?limit=100`),
  addIndicator: (initiativeId: string, body: object) => post<Indicator>(`/api/v1/initiatives/${initiativeId}/indicators`, body),

  cycles: (initiativeId: string, limit = 100) => get<Page<CycleListItem>>(`/api/v1/initiatives/${initiativeId}/cycles?limit=${limit}`),
  startCycle: (initiativeId: string, body: { title: string; plannedStart: string; plannedEnd: string }) =>
    post<Cycle>(`/api/v1/initiatives/${initiativeId}/cycles`, body),
  cycle: (id: string) => get<Cycle>(`/api/v1/cycles/${id}`),
  saveSection: <S extends keyof SectionBody>(id: string, section: S, body: SectionBody[S]) => put<Cycle>(`/api/v1/cycles/${id}/${section}`, body),
  moveTo: (id: string, to: Phase) => post<Cycle>(`/api/v1/cycles/${id}/transitions`, { to }),
  addEvidence: (id: string, body: NewEvidence) => post<unknown>(`/api/v1/cycles/${id}/evidence`, body),
  deleteEvidence: (id: string, evidenceId: string) => del(`/api/v1/cycles/${id}/evidence/${evidenceId}`),
  updateEvidence: (id: string, evidenceId: string, body: EvidenceChanges) => patch<Evidence>(`/api/v1/cycles/${id}/evidence/${evidenceId}`, body),
  restoreEvidence: (id: string, evidenceId: string) => post<Evidence>(`/api/v1/cycles/${id}/evidence/${evidenceId}/restore`),
  review: (id: string, body: { verdict: Verdict; body: string; returnTo?: WorkingPhase }) => post<Cycle>(`/api/v1/cycles/${id}/reviews`, body),
  adaptations: (cycleId: string) => get<Page<LoggedAdaptation>>(`/api/v1/cycles/${cycleId}/adaptations?limit=100`),
  logAdaptation: (cycleId: string, body: Omit<LoggedAdaptation, 'id' | 'cycleId' | 'createdBy' | 'createdAt'>) =>
    post<LoggedAdaptation>(`/api/v1/cycles/${cycleId}/adaptations`, body),
  withdrawAdaptation: (cycleId: string, adaptationId: string) => del(`/api/v1/cycles/${cycleId}/adaptations/${adaptationId}`),
  reviewQueue: () => get<ReviewQueue>('/api/v1/review-queue'),
  summary: (cycleId: string) => get<Summary>(`/api/v1/cycles/${cycleId}/summary?format=json`),

  checkIns: (initiativeId: string, limit = 5) => get<CheckInPage>(`/api/v1/initiatives/${initiativeId}/check-ins?limit=${limit}`),
  checkIn: (initiativeId: string, body: { note: string; blockers?: string; helpWanted?: string }) =>
    post<CheckIn & { nextDueOn: string }>(`/api/v1/initiatives/${initiativeId}/check-ins`, body),

  digests: () => get<Page<DigestListItem>>('/api/v1/digests?limit=100'),
  digest: (id: string) => get<Digest>(`/api/v1/digests/${id}`),
  digestText: async (id: string, format: 'html' | 'text') => (await call('GET', `/api/v1/digests/${id}?format=${format}`)).text(),
  runDigest: (body: { periodStart?: string; periodEnd?: string }) => post<DigestRunAnswer>('/api/v1/digests/run', body),

  outbox: (status?: OutboxStatus) => get<Page<OutboxMessage>>(`/api/v1/admin/outbox${query({ limit: 100, status })}`),
  retryMail: (id: string) => post<OutboxMessage>(`/api/v1/admin/outbox/${id}/retry`),
  /** A five-minute token for the job queue dashboard, and the address that opens it. */
  queueDashboard: () => post<QueueDashboardSession>('/api/v1/admin/queue-dashboard/session'),

  /** A file the API makes (CSV, iCalendar), fetched with the session's token and handed to the browser to save. */
  download: async (path: string, filename: string) => {
    const blob = await (await call('GET', path)).blob();
    const url = URL.createObjectURL(blob);
    const link = Object.assign(document.createElement('a'), { href: url, download: filename });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  },
};
