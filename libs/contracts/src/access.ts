import type { CommunityType, DigestSharing, InitiativeStatus, MemberRole, Role } from './values';

/** One page of a list: `?limit=&offset=` chose it, `total` counts the whole list. */
export interface Page<T> {
  items: T[];
  total: number;
}

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: string;
}

export interface LoginResult {
  accessToken: string;
  expiresIn: number;
  user: UserView;
}

export interface MembershipView {
  initiativeId: string;
  title: string;
  role: MemberRole;
}

/** GET /me: the caller, with their initiative memberships. */
export interface MeView {
  id: string;
  email: string;
  name: string;
  role: Role;
  memberships: MembershipView[];
}

export interface LibraryView {
  id: string;
  name: string;
  city: string;
  state: string;
  communityType: CommunityType;
  timezone: string;
  createdAt: string;
}

export interface InitiativeView {
  id: string;
  libraryId: string;
  title: string;
  summary: string;
  audience: string;
  learningQuestion: string;
  checkInCadenceDays: number;
  /** YYYY-MM-DD */
  startDate: string;
  status: InitiativeStatus;
  digestSharing: DigestSharing;
  createdAt: string;
  updatedAt: string;
}

export interface MemberView {
  initiativeId: string;
  userId: string;
  role: MemberRole;
  name: string;
  email: string;
}

/** GET /initiatives/:id */
export type InitiativeWithMembers = InitiativeView & { members: MemberView[] };

export const INVITATION_STATUSES = ['pending', 'accepted', 'replaced', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** An invitation as GET /invitations lists it; its link's token is never shown again. */
export interface InvitationView {
  id: string;
  email: string;
  name: string;
  role: Role;
  initiativeId: string | null;
  memberRole: MemberRole | null;
  status: InvitationStatus;
  /** Past this instant the link is refused, even while the invitation is pending. */
  expiresAt: string;
  expired: boolean;
  invitedBy: string | null;
  createdAt: string;
}
