import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, migrate, openDataSource } from '@r2c/core';
import { ApiClient, inParallel } from './api-client';
import { LoadResult, loadInTurns } from './load';
import { ADMIN, ApiProcess, sampleRss, startBaseline } from './processes';
import type { Figure } from './report';
import { closedCycle, evidence, indicator, initiative, insertRows, instant, isoDate, library, Row, user } from './synthetic';

export const CONNECTIONS = 50;
export const SECONDS = 10;
const READ_ENTRIES = 500;

interface OpenCycle {
  initiativeId: string;
  cycleId: string;
  indicatorId: string;
}

const today = isoDate(new Date());
export const measurement = (indicatorId: string) => ({
  kind: 'measurement',
  indicatorId,
  value: 14,
  observedOn: today,
  method: 'sign_in',
  source: 'Sign-in sheet, Tuesday story time',
  sampleSize: 14,
});

/** The bench's library and its librarian, made through the API by an admin; the librarian signed in. */
export async function libraryWithLibrarian(admin: ApiClient): Promise<{ libraryId: string; librarianId: string; librarian: ApiClient }> {
  const { id: libraryId } = await admin.call<{ id: string }>('POST', '/api/v1/libraries', {
    name: 'Riverbend Public Library',
    city: 'Riverbend',
    state: 'MT',
    communityType: 'rural',
    timezone: 'America/Denver',
  });
  const password = 'bench-librarian-password';
  const { id: librarianId } = await admin.call<{ id: string }>('POST', '/api/v1/users', {
    email: 'librarian@riverbend.test',
    name: 'Rosa Librarian',
    role: 'librarian',
    password,
  });
  return { libraryId, librarianId, librarian: await admin.login('librarian@riverbend.test', password) };
}

/** An initiative with a cycle in its evidence phase, built through the API by an admin and its librarian. */
export async function cycleInEvidence(admin: ApiClient, librarian: ApiClient, libraryId: string, librarianId: string, title: string): Promise<OpenCycle> {
  const { id: initiativeId } = await admin.call<{ id: string }>('POST', '/api/v1/initiatives', {
    libraryId,
    title,
    summary: 'Monthly facilitated conversations between newcomers and long-time residents.',
    audience: 'Newcomer families and long-time residents',
    learningQuestion: 'What helps neighbours who rarely meet feel they belong at the library?',
    checkInCadenceDays: 14,
    startDate: today,
  });
  await admin.call('PUT', `/api/v1/initiatives/${initiativeId}/members/${librarianId}`, { role: 'librarian' });
  const { id: indicatorId } = await librarian.call<{ id: string }>('POST', `/api/v1/initiatives/${initiativeId}/indicators`, {
    templateKey: 'attendance',
    baseline: 12,
    target: 20,
  });
  const { id: cycleId } = await librarian.call<{ id: string }>('POST', `/api/v1/initiatives/${initiativeId}/cycles`, {
    title: 'Cycle 1: bilingual welcome at the door',
    plannedStart: today,
    plannedEnd: today,
  });
  await librarian.call('PUT', `/api/v1/cycles/${cycleId}/hypothesis`, {
    statement: 'If we greet newcomers in their own language at the door, then more of them will come back, because they will feel expected.',
    expectedOutcome: 'Repeat attendance of newcomer families rises from 3 to 6',
    rationale: 'Families told us they were unsure they were welcome.',
    indicatorIds: [indicatorId],
  });
  await librarian.call('POST', `/api/v1/cycles/${cycleId}/transitions`, { to: 'adaptation' });
  await librarian.call('PUT', `/api/v1/cycles/${cycleId}/adaptation`, {
    description: 'Two volunteers greet families in Spanish and Dari at the door and walk them in.',
    implementedOn: today,
  });
  await librarian.call('POST', `/api/v1/cycles/${cycleId}/transitions`, { to: 'evidence' });
  return { initiativeId, cycleId, indicatorId };
}

/**
 * The baseline's database: the same migrations on a fresh SQLite file, the rows the two cycles need,
 * and the read cycle's 500 entries (written directly: the baseline has no API to write them with).
 */
async function baselineDatabase(dir: string): Promise<{ file: string; write: OpenCycle & { userId: string }; read: OpenCycle }> {
  const file = join(dir, 'baseline.sqlite');
  const dataSource = await openDataSource({ database: { type: 'sqlite', path: file } } as AppConfig);
  try {
    await migrate(dataSource);
    const now = new Date();
    const lib = library('America/Denver', 1, now);
    const person = user('librarian', 1, now);
    const make = (n: number) => {
      const ini = initiative(String(lib.id), n, now);
      const ind = indicator(String(ini.id), { name: 'Attendance', unit: 'people', kind: 'count', baseline: 12, target: 20 }, now);
      const cycle: Row = {
        ...closedCycle(String(ini.id), 1, [String(ind.id)], now),
        phase: 'evidence',
        open_initiative_id: ini.id,
        reflection: null,
        closed_at: null,
      };
      return { ini, ind, cycle };
    };
    const [w, r] = [make(1), make(2)];
    await dataSource.transaction(async (em) => {
      await insertRows(em, 'libraries', [lib]);
      await insertRows(em, 'users', [person]);
      await insertRows(em, 'initiatives', [w.ini, r.ini]);
      await insertRows(em, 'indicators', [w.ind, r.ind]);
      await insertRows(em, 'cycles', [w.cycle, r.cycle]);
      const readCycle = { id: String(r.cycle.id), initiativeId: String(r.ini.id) };
      const entries = Array.from({ length: READ_ENTRIES }, (_, n) => ({
        ...evidence(readCycle, [{ id: String(r.ind.id), kind: 'count' }], 0, now, now),
        created_at: instant(new Date(now.getTime() + n)),
      }));
      await insertRows(em, 'evidence', entries);
    });
    const ids = (x: typeof w) => ({ initiativeId: String(x.ini.id), cycleId: String(x.cycle.id), indicatorId: String(x.ind.id) });
    return { file, write: { ...ids(w), userId: String(person.id) }, read: ids(r) };
  } finally {
    await dataSource.destroy();
  }
}

/** CPU per answered request of each server (what bounds a load that keeps the API busy), e.g. "CPU per request: API 2.4 ms, peer 0.3 ms". */
function cpuNote(...servers: [LoadResult, string][]): string | undefined {
  const known = servers.filter(([r]) => r.cpuMsPerRequest !== undefined);
  return known.length ? `CPU per request: ${known.map(([r, name]) => `${name} ${r.cpuMsPerRequest!.toFixed(2)} ms`).join(', ')}` : undefined;
}

/** What the table shows for these measures when they could not be taken. */
export const HTTP_PLACEHOLDERS: Figure[] = [
  { measure: '1 write: POST evidence', value: null, unit: 'req/s', target: '≥ 1.0× peer' },
  { measure: '1 write: p99 latency', value: null, unit: 'ms', target: '≤ 2× peer' },
  { measure: '1 write: errors / non-2xx', value: null, unit: '', target: '0' },
  { measure: '2 read: GET cycle with 500 entries', value: null, unit: 'req/s', target: '≥ 0.7× baseline' },
  { measure: '2 read: p99 latency', value: null, unit: 'ms', target: '≤ 1.5× baseline' },
  { measure: '7 footprint: API RSS under write load', value: null, unit: 'MB', target: '< 300 MB' },
  { measure: '7 footprint: cold start to healthy', value: null, unit: 'ms', target: '< 5000 ms' },
];

/** 1 write path, 2 read path and 7 footprint, against the spawned API, the bare baseline server and (writes) the typical peer. */
export async function measureHttpPaths(api: ApiProcess, workDir: string): Promise<Figure[]> {
  const admin = await new ApiClient(api.url).login(ADMIN.email, ADMIN.password);
  const { libraryId, librarianId, librarian } = await libraryWithLibrarian(admin);
  const write = await cycleInEvidence(admin, librarian, libraryId, librarianId, 'Community Conversations (write path)');
  const read = await cycleInEvidence(admin, librarian, libraryId, librarianId, 'Community Conversations (read path)');
  await inParallel(READ_ENTRIES, 8, () => librarian.call('POST', `/api/v1/cycles/${read.cycleId}/evidence`, measurement(read.indicatorId)));

  const base = await baselineDatabase(workDir);
  const peerFile = join(workDir, 'peer.sqlite');
  copyFileSync(base.file, peerFile);
  const baseline = await startBaseline(base.file);
  const peer = await startBaseline(peerFile, 'peer-server');
  try {
    const auth = { authorization: `Bearer ${librarian.token}` };
    const baselineBody = { ...measurement(base.write.indicatorId), initiativeId: base.write.initiativeId, createdBy: base.write.userId };
    // Each server's peak RSS over the write rounds, its own load's included.
    const apiRssSampled = sampleRss(api.pid);
    const baseRssSampled = sampleRss(baseline.pid);
    const [apiWrite, baseWrite, peerWrite] = await loadInTurns([
      {
        url: `${api.url}/api/v1/cycles/${write.cycleId}/evidence`,
        method: 'POST',
        headers: auth,
        body: measurement(write.indicatorId),
        connections: CONNECTIONS,
        seconds: SECONDS,
        pid: api.pid,
      },
      {
        url: `${baseline.url}/cycles/${base.write.cycleId}/evidence`,
        method: 'POST',
        body: baselineBody,
        connections: CONNECTIONS,
        seconds: SECONDS,
        pid: baseline.pid,
      },
      {
        url: `${peer.url}/cycles/${base.write.cycleId}/evidence`,
        method: 'POST',
        body: baselineBody,
        connections: CONNECTIONS,
        seconds: SECONDS,
        pid: peer.pid,
      },
    ]);
    const apiRss = apiRssSampled.stop();
    const baseRss = baseRssSampled.stop();
    const [apiRead, baseRead] = await loadInTurns([
      { url: `${api.url}/api/v1/cycles/${read.cycleId}`, method: 'GET', headers: auth, connections: CONNECTIONS, seconds: SECONDS, pid: api.pid },
      { url: `${baseline.url}/cycles/${base.read.cycleId}`, method: 'GET', connections: CONNECTIONS, seconds: SECONDS, pid: baseline.pid },
    ]);

    return [
      {
        measure: `1 write: POST evidence, ${CONNECTIONS} conns, ${SECONDS} s`,
        value: apiWrite.requestsPerSecond,
        unit: 'req/s',
        baseline: baseWrite.requestsPerSecond,
        peer: peerWrite.requestsPerSecond,
        target: '≥ 1.0× peer',
        met: apiWrite.requestsPerSecond >= peerWrite.requestsPerSecond,
        note: cpuNote([apiWrite, 'API'], [peerWrite, 'peer'], [baseWrite, 'bare']),
      },
      {
        measure: '1 write: p99 latency',
        value: apiWrite.p99Ms,
        unit: 'ms',
        baseline: baseWrite.p99Ms,
        peer: peerWrite.p99Ms,
        target: '≤ 2× peer',
        met: apiWrite.p99Ms <= 2 * peerWrite.p99Ms,
      },
      {
        measure: `1 write: errors / non-2xx of ${apiWrite.requests}`,
        value: apiWrite.failures,
        unit: '',
        baseline: baseWrite.failures,
        peer: peerWrite.failures,
        target: '0',
        met: apiWrite.failures === 0,
      },
      {
        measure: `2 read: GET cycle with ${READ_ENTRIES} entries`,
        value: apiRead.requestsPerSecond,
        unit: 'req/s',
        baseline: baseRead.requestsPerSecond,
        target: '≥ 0.7× baseline',
        met: apiRead.requestsPerSecond >= 0.7 * baseRead.requestsPerSecond,
        note: cpuNote([apiRead, 'API'], [baseRead, 'bare']),
      },
      {
        measure: '2 read: p99 latency',
        value: apiRead.p99Ms,
        unit: 'ms',
        baseline: baseRead.p99Ms,
        target: '≤ 1.5× baseline',
        met: apiRead.p99Ms <= 1.5 * baseRead.p99Ms && apiRead.failures === 0,
        note: apiRead.failures ? `${apiRead.failures} failures` : undefined,
      },
      { measure: '7 footprint: API RSS under write load', value: apiRss, unit: 'MB', baseline: baseRss, target: '< 300 MB', met: apiRss < 300 },
      {
        measure: '7 footprint: cold start to healthy',
        value: api.coldStartMs,
        unit: 'ms',
        baseline: baseline.startMs,
        target: '< 5000 ms',
        met: api.coldStartMs < 5000,
      },
    ];
  } finally {
    await baseline.stop();
    await peer.stop();
  }
}
