import type { InvitationLinkCheck, InvitationView, PasswordResetLinkCheck } from '@r2c/contracts';
import { ApiError, del, get, patch, post, put, query } from './client';
import type { LoginResult, MemberRole, Page, Role, User } from './types';

export type Invitation = InvitationView;

export interface PeopleSearch {
  q?: string;
  role?: Role | '';
  active?: 'true' | 'false' | '';
  offset?: number;
}

export interface NewInvitation {
  email: string;
  name: string;
  role: Role;
  initiativeId?: string;
  memberRole?: MemberRole;
}

export interface ImportCounts {
  created: number;
  existing: number;
  dryRun: boolean;
}

export interface ImportLineProblem {
  line: number;
  problem: string;
}

export const PEOPLE_PAGE_SIZE = 25;
export const INVITATIONS_PAGE_SIZE = 50;

/** The lines a refused import names: its details are `{line, problem}`, not fields. */
export function refusedLines(error: unknown): ImportLineProblem[] {
  if (!(error instanceof ApiError)) return [];
  const details = (error.body as { details?: unknown } | null)?.details;
  if (!Array.isArray(details)) return [];
  return (details as Partial<ImportLineProblem>[]).filter((d): d is ImportLineProblem => typeof d?.line === 'number' && typeof d?.problem === 'string');
}

export const peopleApi = {
  search: ({ q, role, active, offset = 0 }: PeopleSearch) =>
    get<Page<User>>(`/api/v1/users${query({ q: q?.trim(), role, active, limit: PEOPLE_PAGE_SIZE, offset })}`),
  update: (id: string, body: Partial<{ role: Role; active: boolean }>) => patch<User>(`/api/v1/users/${id}`, body),

  invitations: (offset = 0) => get<Page<Invitation>>(`/api/v1/invitations${query({ limit: INVITATIONS_PAGE_SIZE, offset })}`),
  invite: (body: NewInvitation) => post<Invitation>('/api/v1/invitations', body),
  revokeInvitation: (id: string) => del(`/api/v1/invitations/${id}`),

  importSubscribers: (csv: string, dryRun: boolean) => post<ImportCounts>('/api/v1/users/import', { csv, dryRun }),
};

/** What a person does from an emailed link or the sign-in page, without being signed in. */
export const accountApi = {
  checkInvitation: (token: string) => post<InvitationLinkCheck>('/api/v1/invitations/check', { token }),
  acceptInvitation: (token: string, password: string) => post<LoginResult>('/api/v1/invitations/accept', { token, password }),
  requestReset: (email: string) => post<{ message: string }>('/api/v1/auth/password-reset', { email }),
  checkReset: (token: string) => post<PasswordResetLinkCheck>('/api/v1/auth/password-reset/check', { token }),
  confirmReset: (token: string, password: string) => post<LoginResult>('/api/v1/auth/password-reset/confirm', { token, password }),
  changePassword: (currentPassword: string, newPassword: string) => put<{ accessToken: string }>('/api/v1/me/password', { currentPassword, newPassword }),
  subscribe: (email: string, name: string) => post<void>('/api/v1/subscriptions', { email, name }),
  confirmSubscription: (token: string) => post<{ email: string; subscribed: boolean }>('/api/v1/subscriptions/confirm', { token }),
};
