import { TestApp } from './test-app';

export const ADMIN = { email: 'admin@coalition.org', password: 'admin-password-1' };
export const ADMIN_ENV = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };
export const PASSWORD = 'correct-horse-battery';

export interface Person {
  id: string;
  email: string;
  token: string;
}

let counter = 0;
const unique = (prefix: string) => `${prefix}${++counter}-${Math.random().toString(36).slice(2, 7)}`;

/** Builds coalition data through the HTTP API, the way an admin would. */
export class Coalition {
  adminToken = '';

  constructor(readonly t: TestApp) {}

  async signInAdmin(): Promise<string> {
    this.adminToken = await this.login(ADMIN.email, ADMIN.password);
    return this.adminToken;
  }

  async login(email: string, password = PASSWORD): Promise<string> {
    const res = await this.t.http().post('/api/v1/auth/login').send({ email, password });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken;
  }

  as(token: string) {
    const http = this.t.http;
    const auth = (r: ReturnType<ReturnType<typeof http>['get']>) => (token ? r.set('authorization', `Bearer ${token}`) : r);
    return {
      get: (url: string) => auth(http().get(url)),
      post: (url: string, body?: object) => auth(http().post(url)).send(body ?? {}),
      put: (url: string, body?: object) => auth(http().put(url)).send(body ?? {}),
      patch: (url: string, body?: object) => auth(http().patch(url)).send(body ?? {}),
      delete: (url: string) => auth(http().delete(url)),
    };
  }

  async person(role: 'admin' | 'coach' | 'librarian' | 'subscriber', name = unique(role)): Promise<Person> {
    const email = `${name}@library.test`.toLowerCase();
    const res = await this.as(this.adminToken).post('/api/v1/users', { email, name, role, password: PASSWORD });
    if (res.status !== 201) throw new Error(`create user: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id, email, token: await this.login(email) };
  }

  async library(overrides: object = {}): Promise<string> {
    const res = await this.as(this.adminToken).post('/api/v1/libraries', {
      name: unique('Library '),
      city: 'Riverbend',
      state: 'MT',
      communityType: 'rural',
      timezone: 'America/Denver',
      ...overrides,
    });
    if (res.status !== 201) throw new Error(`create library: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  async initiative(libraryId: string, overrides: object = {}): Promise<string> {
    const res = await this.as(this.adminToken).post('/api/v1/initiatives', {
      libraryId,
      title: unique('Community Conversations '),
      summary: 'Monthly facilitated conversations between newcomers and long-time residents.',
      audience: 'Newcomer families and long-time residents',
      learningQuestion: 'What helps neighbours who rarely meet feel they belong at the library?',
      checkInCadenceDays: 14,
      startDate: '2026-03-02',
      ...overrides,
    });
    if (res.status !== 201) throw new Error(`create initiative: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  async member(initiativeId: string, person: Person, role: 'librarian' | 'coach'): Promise<void> {
    const res = await this.as(this.adminToken).put(`/api/v1/initiatives/${initiativeId}/members/${person.id}`, { role });
    if (res.status !== 200) throw new Error(`add member: ${res.status} ${JSON.stringify(res.body)}`);
  }

  /** An initiative with one librarian and one coach. */
  async pilot(overrides: object = {}) {
    const libraryId = await this.library();
    const initiativeId = await this.initiative(libraryId, overrides);
    const librarian = await this.person('librarian');
    const coach = await this.person('coach');
    await this.member(initiativeId, librarian, 'librarian');
    await this.member(initiativeId, coach, 'coach');
    return { libraryId, initiativeId, librarian, coach };
  }
}
