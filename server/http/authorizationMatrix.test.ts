import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { LoginResponse } from '@shared/api/auth';
import { newSessionToken } from '../auth/sessionToken';
import { snapshot } from '../test/dbSnapshot';
import { describeEachDatabase } from '../test/testDatabases';
import { buildTestApp, loginAs, seedBranch, seedStaff, TEST_PASSWORD } from '../test/testApp';

/**
 * Every endpoint × every kind of caller: no token, a malformed, unknown, expired or revoked
 * token, a disabled account, desk staff, managers and an admin — each desk and manager in
 * branch A or branch B, so endpoints about a branch are tried from inside and outside it.
 * Each cell is the status (and error code) the caller must get; a refused call must leave
 * the database exactly as it was.
 */
const ACTORS = ['anonymous', 'malformed', 'unknown', 'expired', 'revoked', 'disabledAccount', 'deskA', 'deskB', 'managerA', 'managerB', 'admin'] as const;
type Actor = (typeof ACTORS)[number];
type Expected = Record<Actor, string>;

/** What every non-public endpoint answers to callers who are not (validly) logged in. */
const NOT_LOGGED_IN = {
  anonymous: '401 not-logged-in',
  malformed: '401 session-invalid',
  unknown: '401 session-invalid',
  expired: '401 session-expired',
  revoked: '401 session-revoked',
  disabledAccount: '403 account-disabled',
} as const;

const ANYONE = (status: string): Expected => Object.fromEntries(ACTORS.map((actor) => [actor, status])) as Expected;
const ALL_STAFF = (status: string): Expected => ({ ...NOT_LOGGED_IN, deskA: status, deskB: status, managerA: status, managerB: status, admin: status });
const ADMIN_ONLY = (status: string): Expected => ({
  ...NOT_LOGGED_IN,
  deskA: '403 forbidden-role',
  deskB: '403 forbidden-role',
  managerA: '403 forbidden-role',
  managerB: '403 forbidden-role',
  admin: status,
});

interface Ids {
  branchA: string;
  branchB: string;
  deskA: string;
  deskB: string;
}

interface Endpoint {
  name: string;
  request: (ids: Ids, n: number) => InjectOptions;
  expected: Expected;
  /** For a 200 that carries per-item verdicts (sync push): what the body says, appended to the status. */
  verdict?: (body: unknown) => string;
  /** A stream that stays open: requested over a real socket, its status read, then closed. */
  stream?: boolean;
  /** Tables a successful call writes by design (never a refused one). */
  writes?: Array<'audit_log'>;
}

const SYNC_HEADERS_OK = { 'x-desk-schema': '1', 'x-desk-id': 'matrix-desk', 'x-desk-clock': String(Date.now()) };
const syncHeaders = () => ({ ...SYNC_HEADERS_OK, 'x-desk-clock': String(Date.now()) });
const stampOf = () => ({ staff: 'matrix', deskId: 'matrix-desk', at: Date.now() });
const hlcNow = (n: number) => `${String(Date.now()).padStart(16, '0')}-${(n % 0xffff).toString(16).padStart(4, '0')}-matrix-desk`;
const mutationId = (n: number) => `0193a0c0-0000-7000-8000-${String(n).padStart(12, '0')}`;
function patronFields(branchId: string) {
  return {
    branchId, title: '', firstName: 'Matrix', lastName: 'Patron', cardNumber: '', phones: [], emails: [], address: '', pronouns: '', language: '', howWeMet: '',
    contact: { channels: [], bestTimes: [], note: '' }, created: stampOf(), updated: stampOf(), lastContactAt: Date.now(),
  };
}
const verdictOf = (body: unknown) => {
  const r = (body as { results: Array<{ status: string; code?: string }> }).results[0]!;
  return r.status === 'rejected' ? `rejected ${r.code}` : r.status;
};
/** Reading branch A's (or B's) log by name: its staff and admins may; the other branch's staff are refused. */
const IN_BRANCH_A = (status: string): Expected => ({ ...ALL_STAFF(status), deskB: '403 forbidden-branch', managerB: '403 forbidden-branch' });
const IN_BRANCH_B = (status: string): Expected => ({ ...ALL_STAFF(status), deskA: '403 forbidden-branch', managerA: '403 forbidden-branch' });

/** Writing to branch A: its staff and admins may, branch B's may not (a 200 whose verdict refuses). */
const WRITE_BRANCH_A: Expected = {
  ...NOT_LOGGED_IN, deskA: '200 applied', deskB: '200 rejected forbidden', managerA: '200 applied', managerB: '200 rejected forbidden', admin: '200 applied',
};

const ENDPOINTS: Endpoint[] = [
  { name: 'GET /health', request: () => ({ method: 'GET', url: '/health' }), expected: ANYONE('200') },
  {
    name: 'POST /api/auth/login',
    request: () => ({ method: 'POST', url: '/api/auth/login', payload: { username: 'login-target', password: TEST_PASSWORD } }),
    expected: ANYONE('200'),
  },
  { name: 'POST /api/auth/logout', request: () => ({ method: 'POST', url: '/api/auth/logout' }), expected: ALL_STAFF('204') },
  { name: 'GET /api/auth/me', request: () => ({ method: 'GET', url: '/api/auth/me' }), expected: ALL_STAFF('200') },
  {
    name: 'GET /api/staff',
    request: () => ({ method: 'GET', url: '/api/staff' }),
    expected: { ...NOT_LOGGED_IN, deskA: '403 forbidden-role', deskB: '403 forbidden-role', managerA: '200', managerB: '200', admin: '200' },
  },
  {
    name: 'GET /api/staff?branchId=<A>',
    request: (ids) => ({ method: 'GET', url: `/api/staff?branchId=${ids.branchA}` }),
    expected: { ...NOT_LOGGED_IN, deskA: '403 forbidden-role', deskB: '403 forbidden-role', managerA: '200', managerB: '403 forbidden-branch', admin: '200' },
  },
  {
    name: 'GET /api/staff?branchId=<B>',
    request: (ids) => ({ method: 'GET', url: `/api/staff?branchId=${ids.branchB}` }),
    expected: { ...NOT_LOGGED_IN, deskA: '403 forbidden-role', deskB: '403 forbidden-role', managerA: '403 forbidden-branch', managerB: '200', admin: '200' },
  },
  {
    name: 'POST /api/staff',
    request: (ids, n) => ({
      method: 'POST',
      url: '/api/staff',
      payload: { username: `new${n}`, displayName: 'New', role: 'desk', branchIds: [ids.branchA], password: 'a fine new password' },
    }),
    expected: ADMIN_ONLY('201'),
  },
  {
    name: 'PATCH /api/staff/<desk in A>',
    request: (ids, n) => ({ method: 'PATCH', url: `/api/staff/${ids.deskA}`, payload: { displayName: `Renamed ${n}` } }),
    expected: ADMIN_ONLY('200'),
  },
  {
    name: 'PATCH /api/staff/<desk in B>',
    request: (ids, n) => ({ method: 'PATCH', url: `/api/staff/${ids.deskB}`, payload: { displayName: `Renamed ${n}` } }),
    expected: ADMIN_ONLY('200'),
  },
  { name: 'GET /api/branches', request: () => ({ method: 'GET', url: '/api/branches' }), expected: ALL_STAFF('200') },
  { name: 'POST /api/branches', request: (_ids, n) => ({ method: 'POST', url: '/api/branches', payload: { name: `Branch ${n}` } }), expected: ADMIN_ONLY('201') },
  {
    name: 'PATCH /api/branches/<A>',
    request: (ids, n) => ({ method: 'PATCH', url: `/api/branches/${ids.branchA}`, payload: { name: `Branch A ${n}` } }),
    expected: ADMIN_ONLY('200'),
  },
  {
    name: 'PATCH /api/branches/<B>',
    request: (ids, n) => ({ method: 'PATCH', url: `/api/branches/${ids.branchB}`, payload: { name: `Branch B ${n}` } }),
    expected: ADMIN_ONLY('200'),
  },
  {
    name: 'POST /api/sync/push',
    request: (ids, n) => ({
      method: 'POST', url: '/api/sync/push', headers: syncHeaders(),
      payload: { mutations: [{ id: mutationId(n), kind: 'edit', entity: 'patron', recordId: `matrix-p-${n}`, branchId: ids.branchA, hlc: hlcNow(n), fields: patronFields(ids.branchA) }] },
    }),
    expected: WRITE_BRANCH_A,
    verdict: verdictOf,
  },
  {
    name: 'POST /api/sync/push (erase)',
    request: (ids, n) => ({
      method: 'POST', url: '/api/sync/push', headers: syncHeaders(),
      payload: { mutations: [{ id: mutationId(1000 + n), kind: 'erase', entity: 'patron', recordId: `matrix-e-${n}`, branchId: ids.branchA, hlc: hlcNow(n) }] },
    }),
    expected: { ...WRITE_BRANCH_A, deskA: '200 rejected forbidden' },
    verdict: verdictOf,
  },
  { name: 'GET /api/sync/pull', request: () => ({ method: 'GET', url: '/api/sync/pull', headers: syncHeaders() }), expected: ALL_STAFF('200') },
  { name: 'GET /api/log/entries', request: () => ({ method: 'GET', url: '/api/log/entries' }), expected: ALL_STAFF('200') },
  { name: 'GET /api/log/entries?branch=<A>', request: (ids) => ({ method: 'GET', url: `/api/log/entries?branch=${ids.branchA}` }), expected: IN_BRANCH_A('200') },
  { name: 'GET /api/log/summary', request: () => ({ method: 'GET', url: '/api/log/summary' }), expected: ALL_STAFF('200') },
  { name: 'GET /api/log/summary?branch=<B>', request: (ids) => ({ method: 'GET', url: `/api/log/summary?branch=${ids.branchB}` }), expected: IN_BRANCH_B('200') },
  { name: 'GET /api/log/facets', request: () => ({ method: 'GET', url: '/api/log/facets' }), expected: ALL_STAFF('200') },
  { name: 'GET /api/log/facets?branch=<A>', request: (ids) => ({ method: 'GET', url: `/api/log/facets?branch=${ids.branchA}` }), expected: IN_BRANCH_A('200') },
  { name: 'GET /api/log/dashboard', request: () => ({ method: 'GET', url: '/api/log/dashboard?tz=Europe/London' }), expected: ALL_STAFF('200') },
  { name: 'GET /api/log/dashboard?branch=<A>', request: (ids) => ({ method: 'GET', url: `/api/log/dashboard?branch=${ids.branchA}` }), expected: IN_BRANCH_A('200') },
  {
    name: 'GET /api/log/export.csv',
    request: () => ({ method: 'GET', url: '/api/log/export.csv' }),
    expected: { ...NOT_LOGGED_IN, deskA: '403 forbidden-role', deskB: '403 forbidden-role', managerA: '200', managerB: '200', admin: '200' },
    // Every export is audited: a success writes the audit log by design.
    writes: ['audit_log'],
  },
  {
    name: 'GET /api/log/export.csv?branch=<A>',
    request: (ids) => ({ method: 'GET', url: `/api/log/export.csv?branch=${ids.branchA}` }),
    expected: { ...NOT_LOGGED_IN, deskA: '403 forbidden-role', deskB: '403 forbidden-role', managerA: '200', managerB: '403 forbidden-branch', admin: '200' },
    writes: ['audit_log'],
  },
  { name: 'GET /api/audit', request: () => ({ method: 'GET', url: '/api/audit?limit=5' }), expected: ADMIN_ONLY('200') },
  { name: 'GET /api/sync/stream', request: () => ({ method: 'GET', url: '/api/sync/stream', headers: syncHeaders() }), expected: ALL_STAFF('200'), stream: true },
];

/** Opens a live stream over a real socket, reads its status (and error body), then hangs up. */
async function openStream(app: FastifyInstance, url: string, headers: Record<string, string>): Promise<{ statusCode: number; json: () => unknown }> {
  if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  const controller = new AbortController();
  const response = await fetch(`http://127.0.0.1:${address.port}${url}`, { headers, signal: controller.signal });
  const text = response.ok ? '{}' : await response.text();
  controller.abort();
  return { statusCode: response.status, json: () => JSON.parse(text) };
}

/** "METHOD /path" of every route, read from Fastify's route tree (HEAD twins of GET left out). */
function registeredRoutes(app: FastifyInstance): string[] {
  const parents: string[] = [];
  const routes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│├└─\s]*)(\S+) \(([A-Z, ]+)\)$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    parents.length = depth;
    const path = (parents[depth - 1] ?? '') + match[2]!;
    parents.push(path);
    for (const method of match[3]!.split(', ')) if (method !== 'HEAD') routes.push(`${method} ${path}`);
  }
  return routes;
}

describeEachDatabase('authorization matrix', (database) => {
  let app: FastifyInstance;
  let ids: Ids;
  let tokens: Record<Actor, string | undefined>;

  beforeAll(async () => {
    app = await buildTestApp(database.db);
  });
  afterAll(() => app.close());

  beforeEach(async () => {
    const { db } = database;
    await database.reset();
    const branchA = await seedBranch(db, 'A');
    const branchB = await seedBranch(db, 'B');
    const deskA = await seedStaff(db, { username: 'deskA', role: 'desk', branchIds: [branchA] });
    const deskB = await seedStaff(db, { username: 'deskB', role: 'desk', branchIds: [branchB] });
    await seedStaff(db, { username: 'managerA', role: 'manager', branchIds: [branchA] });
    await seedStaff(db, { username: 'managerB', role: 'manager', branchIds: [branchB] });
    await seedStaff(db, { username: 'admin', role: 'admin', branchIds: [] });
    await seedStaff(db, { username: 'gone', role: 'desk', branchIds: [branchA] });
    await seedStaff(db, { username: 'login-target', role: 'desk', branchIds: [branchB] });
    ids = { branchA, branchB, deskA: deskA.id, deskB: deskB.id };

    const expired = (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'deskA', password: TEST_PASSWORD } })).json<LoginResponse>();
    await db.query("UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')", [expired.token]);
    const revoked = await loginAs(app, 'deskB');
    await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${revoked}` } });
    const disabled = await loginAs(app, 'gone');
    // Disabled behind the server's back (no sessions ended), so the account check itself is tried.
    await db.query("UPDATE staff SET disabled = true WHERE username = 'gone'");

    tokens = {
      anonymous: undefined,
      malformed: 'not-a-token',
      unknown: newSessionToken(),
      expired: expired.token,
      revoked,
      disabledAccount: disabled,
      deskA: await loginAs(app, 'deskA'),
      deskB: await loginAs(app, 'deskB'),
      managerA: await loginAs(app, 'managerA'),
      managerB: await loginAs(app, 'managerB'),
      admin: await loginAs(app, 'admin'),
    };
  });

  it.each(ENDPOINTS)('$name', async ({ request, expected, verdict, stream, writes }) => {
    const actual = {} as Expected;
    const wroteOnRefusal: string[] = [];
    let n = 0;
    for (const actor of ACTORS) {
      const options = request(ids, (n += 1));
      const token = tokens[actor];
      const before = await snapshot(database.db);
      const headers = { ...(options.headers as Record<string, string> | undefined), ...(token ? { authorization: `Bearer ${token}` } : {}) };
      const response = stream ? await openStream(app, options.url as string, headers) : await app.inject({ ...options, headers });
      const refused = response.statusCode >= 400;
      actual[actor] = refused
        ? `${response.statusCode} ${(response.json() as { error: { code: string } }).error.code}`
        : verdict ? `${response.statusCode} ${verdict(response.json())}` : String(response.statusCode);
      const unchanged = JSON.stringify(await snapshot(database.db)) === JSON.stringify(before);
      // A write that lands just after the response (the export's audit entry) must not be
      // taken for the next caller's: wait for it before going on.
      if (writes && !refused) {
        for (let i = 0; i < 100 && JSON.stringify(await snapshot(database.db, ['audit_log'])) === JSON.stringify({ audit_log: before.audit_log }); i += 1) {
          await new Promise((r) => setTimeout(r, 20));
        }
      }
      if ((refused || actual[actor]!.includes('rejected')) && !unchanged) wroteOnRefusal.push(actor);
    }
    expect(actual).toEqual(expected);
    expect(wroteOnRefusal).toEqual([]);
  });

  it('covers every route the server has, and nothing else', () => {
    const covered = new Set(ENDPOINTS.map((e) => e.name.split(/[?(]/)[0]!.trim().replace(/<[^>]+>/, ':id')));
    expect(new Set(registeredRoutes(app))).toEqual(covered);
  });
});
