import type { FastifyInstance, InjectOptions } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { isApiErrorBody } from '@shared/api/errors';
import { ACCOUNT_TABLES, snapshot, type AccountTable } from '../test/dbSnapshot';
import { describeEachDatabase } from '../test/testDatabases';
import { buildTestApp, loginAs, seedBranch, seedStaff } from '../test/testApp';
import { BODY_LIMIT_BYTES } from './createApp';

/**
 * Whatever a client sends, the server answers 4xx with a reason — never 5xx — and a
 * refused request leaves every table as it was. Bodies are random JSON, and objects with
 * the endpoint's own keys holding random values (closer to what a buggy client sends).
 */

// PostgreSQL cannot store NUL in text at all, and control characters have no place in names.
const withControl = fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom('\u0000', '\n', '\u001b', '\u007f'), fc.string({ maxLength: 20 })).map((parts) => parts.join(''));
const anyString = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 120 }),
  withControl,
  fc.constantFrom('', ' ', 'a'.repeat(101), '\u202e', '\ud800'),
);
const anyJson = fc.oneof({ arbitrary: anyString, weight: 3 }, { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 2 }, { arbitrary: fc.constant(null), weight: 1 });
const nearBody = (keys: string[]) =>
  fc.tuple(fc.dictionary(fc.constantFrom(...keys), anyJson, { maxKeys: keys.length }), fc.option(fc.dictionary(anyString, anyJson, { maxKeys: 2 }), { nil: undefined }))
    .map(([known, extra]) => ({ ...known, ...extra }));
const body = (keys: string[]) => fc.oneof(anyJson, nearBody(keys));
const anyQuery = fc.dictionary(fc.oneof(fc.constantFrom('branchId', 'id'), anyString), fc.oneof(anyString, fc.uuid()), { maxKeys: 3 });

/** The desk headers of a sync request: mostly right (so the body is what gets tried), sometimes not. */
const deskHeaders = fc.record({
  'x-desk-schema': fc.oneof({ arbitrary: fc.constant('1'), weight: 4 }, { arbitrary: fc.oneof(anyString, fc.integer().map(String)), weight: 1 }),
  'x-desk-id': fc.oneof({ arbitrary: fc.constant('fuzz-desk'), weight: 4 }, { arbitrary: anyString, weight: 1 }),
  'x-desk-clock': fc.oneof({ arbitrary: fc.constant(String(Date.now())), weight: 4 }, { arbitrary: anyString, weight: 1 }),
}).map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => /^[\x20-\x7e]*$/.test(v))));

interface Target {
  name: string;
  /** Logged in as the admin, so input checks (not permission checks) are what is tried. */
  asAdmin: boolean;
  /** The login writes failed attempts and their audit entries by design. */
  tables?: AccountTable[];
  request: fc.Arbitrary<InjectOptions>;
}

const toQuery = (query: Record<string, string>) => {
  const text = new URLSearchParams(query).toString();
  return text ? `?${text}` : '';
};

const LOG_PATHS = ['/api/log/entries', '/api/log/summary', '/api/log/facets', '/api/log/dashboard', '/api/log/export.csv'];
const LOG_QUERY_KEYS = ['from', 'to', 'staff', 'branch', 'channel', 'outcome', 'type', 'campaign', 'patron', 'sort', 'dir', 'offset', 'limit', 'tz'];

function targets(ids: () => { desk: string; branch: string }): Target[] {
  const idParam = fc.oneof(anyString.filter((s) => s.length > 0), fc.uuid(), fc.constant('DESK'));
  const pathId = (id: string) => {
    const value = id === 'DESK' ? ids().desk : id === 'BRANCH' ? ids().branch : id;
    try {
      return encodeURIComponent(value);
    } catch {
      return '%ZZ'; // a lone surrogate has no URL form: send a broken escape instead
    }
  };
  return [
    {
      name: 'POST /api/auth/login',
      asAdmin: false,
      tables: ['branches', 'staff', 'staff_branches', 'sessions'],
      request: body(['username', 'password']).map((payload) => ({ method: 'POST', url: '/api/auth/login', payload: payload as object })),
    },
    { name: 'POST /api/auth/logout', asAdmin: true, request: fc.option(anyJson, { nil: undefined }).filter((b) => b !== null && (typeof b !== 'object' || Object.keys(b).length > 0)).map((payload) => ({ method: 'POST', url: '/api/auth/logout', payload: payload as object })) },
    { name: 'GET /api/auth/me', asAdmin: true, request: anyQuery.filter((q) => Object.keys(q).length > 0).map((q) => ({ method: 'GET', url: `/api/auth/me${toQuery(q)}` })) },
    { name: 'GET /api/staff', asAdmin: true, request: anyQuery.map((q) => ({ method: 'GET', url: `/api/staff${toQuery(q)}` })) },
    {
      name: 'POST /api/staff',
      asAdmin: true,
      request: body(['username', 'displayName', 'role', 'branchIds', 'password']).map((payload) => ({ method: 'POST', url: '/api/staff', payload: payload as object })),
    },
    {
      name: 'PATCH /api/staff/:id',
      asAdmin: true,
      request: fc
        .tuple(idParam, body(['displayName', 'role', 'branchIds', 'disabled', 'password']))
        .map(([id, payload]) => ({ method: 'PATCH', url: `/api/staff/${pathId(id)}`, payload: payload as object })),
    },
    { name: 'GET /api/branches', asAdmin: true, request: anyQuery.filter((q) => Object.keys(q).length > 0).map((q) => ({ method: 'GET', url: `/api/branches${toQuery(q)}` })) },
    { name: 'POST /api/branches', asAdmin: true, request: body(['name']).map((payload) => ({ method: 'POST', url: '/api/branches', payload: payload as object })) },
    {
      name: 'PATCH /api/branches/:id',
      asAdmin: true,
      request: fc
        .tuple(fc.oneof(idParam, fc.constant('BRANCH')), body(['name']))
        .map(([id, payload]) => ({ method: 'PATCH', url: `/api/branches/${pathId(id)}`, payload: payload as object })),
    },
    {
      name: 'POST /api/sync/push',
      asAdmin: true,
      request: fc
        .tuple(deskHeaders, fc.oneof(body(['mutations']), fc.record({ mutations: fc.array(nearBody(['id', 'kind', 'entity', 'recordId', 'branchId', 'hlc', 'fields']), { maxLength: 3 }) })))
        .map(([headers, payload]) => ({ method: 'POST', url: '/api/sync/push', headers, payload: payload as object })),
    },
    ...LOG_PATHS.map((path) => ({
      name: `GET ${path}`,
      asAdmin: true,
      // A successful export writes its audit entry just after answering: leave audit_log out, or
      // that write would be taken for the next (refused) request's.
      ...(path.endsWith('.csv') ? { tables: ACCOUNT_TABLES.filter((t) => t !== 'audit_log') } : {}),
      request: fc
        .dictionary(fc.oneof({ arbitrary: fc.constantFrom(...LOG_QUERY_KEYS), weight: 4 }, { arbitrary: anyString, weight: 1 }), fc.oneof(anyString, fc.integer().map(String), fc.constantFrom('2026-01-01T00:00:00Z', 'phone', 'done', 'patron', 'asc', 'Europe/London')), { minKeys: 1, maxKeys: 3 })
        .map((q) => ({ method: 'GET', url: `${path}${toQuery(q)}` })),
    })),
    {
      name: 'GET /api/audit',
      asAdmin: true,
      request: fc
        .dictionary(fc.oneof(fc.constantFrom('action', 'limit'), anyString), fc.oneof(anyString, fc.integer().map(String), fc.constantFrom('login', 'log-exported')), { minKeys: 1, maxKeys: 3 })
        .map((q) => ({ method: 'GET', url: `/api/audit${toQuery(q)}` })),
    },
    {
      name: 'GET /api/sync/pull',
      asAdmin: true,
      request: fc
        .tuple(deskHeaders, fc.dictionary(fc.oneof(fc.constantFrom('cursor', 'limit'), anyString), fc.oneof(anyString, fc.integer().map(String)), { minKeys: 1, maxKeys: 3 }))
        .map(([headers, q]) => ({ method: 'GET', url: `/api/sync/pull${toQuery(q)}`, headers })),
    },
  ];
}

describeEachDatabase('bad input', (database) => {
  let app: FastifyInstance;
  let adminToken: string;
  let seeded: { desk: string; branch: string };

  beforeAll(async () => {
    app = await buildTestApp(database.db);
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    await database.reset();
    const branch = await seedBranch(database.db, 'Main');
    await seedStaff(database.db, { username: 'admin', role: 'admin', branchIds: [] });
    const desk = await seedStaff(database.db, { username: 'dana', role: 'desk', branchIds: [branch] });
    seeded = { desk: desk.id, branch };
    adminToken = await loginAs(app, 'admin');
  });

  const send = (options: InjectOptions, asAdmin = true) =>
    app.inject({ ...options, headers: { ...options.headers, ...(asAdmin ? { authorization: `Bearer ${adminToken}` } : {}) } });

  /** Sends a request; checks 4xx-with-a-reason-and-nothing-written or success. Returns the status. */
  async function expectRefusedCleanly(options: InjectOptions, asAdmin = true, tables?: AccountTable[]): Promise<number> {
    const before = await snapshot(database.db, tables);
    const response = await send(options, asAdmin);
    expect(response.statusCode, `${options.method} ${options.url} → ${response.body}`).toBeLessThan(500);
    if (response.statusCode >= 400) {
      const json: unknown = response.json();
      expect(isApiErrorBody(json), response.body).toBe(true);
      expect(await snapshot(database.db, tables)).toEqual(before);
    }
    return response.statusCode;
  }

  it.each(targets(() => seeded).map((t) => [t.name, t] as const))('%s: fuzzed input is refused with a reason, never a 5xx, and writes nothing', async (_name, target) => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(target.request, async (options) => {
        const status = await expectRefusedCleanly(options, target.asAdmin, target.tables);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }),
      { numRuns: 100 },
    );
    // The fuzzer must mostly be exercising refusals, or it is not testing what it claims.
    const refused = [...statuses].filter(([status]) => status >= 400).reduce((sum, [, count]) => sum + count, 0);
    expect(refused).toBeGreaterThan(50);
  });

  it('refuses bodies that are not JSON, or not declared as JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), fc.constantFrom('POST /api/staff', 'POST /api/branches', 'PATCH /api/branches/BRANCH', 'POST /api/auth/login'), async (text, route) => {
        const [method, path] = route.split(' ') as ['POST' | 'PATCH', string];
        const url = path.replace('BRANCH', seeded.branch);
        await expectRefusedCleanly({ method, url, payload: text, headers: { 'content-type': 'application/json' } }, true, ['branches', 'staff', 'staff_branches', 'sessions']);
      }),
      { numRuns: 40 },
    );
    const notJson = await send({ method: 'POST', url: '/api/branches', payload: '{"name": "x"', headers: { 'content-type': 'application/json' } });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error).toEqual({ code: 'invalid-json', message: 'The body is not valid JSON' });
    const form = await send({ method: 'POST', url: '/api/branches', payload: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.statusCode).toBe(415);
    expect(form.json().error.code).toBe('unsupported-media-type');
    const poisoned = await send({ method: 'POST', url: '/api/branches', payload: '{"name":"x","__proto__":{"admin":true}}', headers: { 'content-type': 'application/json' } });
    expect(poisoned.statusCode).toBe(400);
  });

  it(`refuses a body over ${BODY_LIMIT_BYTES / 1024 / 1024} MB with 413, logged in or not`, async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(BODY_LIMIT_BYTES) });
    const tables: AccountTable[] = ['branches', 'staff', 'sessions', 'audit_log'];
    const before = await snapshot(database.db, tables);
    for (const [url, asAdmin] of [['/api/branches', true], ['/api/auth/login', false]] as const) {
      const response = await send({ method: 'POST', url, payload: huge, headers: { 'content-type': 'application/json' } }, asAdmin);
      expect(response.statusCode).toBe(413);
      expect(response.json().error).toEqual({ code: 'payload-too-large', message: 'The request body is larger than the 1 MB this server accepts' });
    }
    expect(await snapshot(database.db, tables)).toEqual(before);
  });

  it('refuses large or deeply nested bodies under the limit as invalid, not as a server error', async () => {
    const nested = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(await expectRefusedCleanly({ method: 'POST', url: '/api/branches', payload: nested, headers: { 'content-type': 'application/json' } })).toBe(400);
    expect(await expectRefusedCleanly({ method: 'POST', url: '/api/branches', payload: `{"name":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, headers: { 'content-type': 'application/json' } })).toBe(400);
    const longName = await send({ method: 'POST', url: '/api/branches', payload: { name: 'n'.repeat(900_000) } });
    expect(longName.statusCode).toBe(400);
    expect(longName.json().error.fields).toEqual([{ path: 'name', message: 'Use at most 100 characters' }]);
  });

  it('answers unknown routes, methods and malformed URLs in the same error shape', async () => {
    const unknown = await send({ method: 'GET', url: '/api/nothing-here' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toEqual({ code: 'route-not-found', message: 'There is no GET /api/nothing-here' });
    expect((await send({ method: 'DELETE', url: `/api/staff/${seeded.desk}` })).json().error.code).toBe('route-not-found');
    const badUrl = await send({ method: 'GET', url: '/api/staff/%E0%A4%A' });
    expect(badUrl.statusCode).toBe(400);
    expect(isApiErrorBody(badUrl.json())).toBe(true);
  });

  it('names the bad id in a route parameter', async () => {
    const response = await send({ method: 'PATCH', url: '/api/branches/not-an-id', payload: { name: 'X' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({ code: 'validation', message: 'params.id: Not a valid id', fields: [{ path: 'params.id', message: 'Not a valid id' }] });
  });
});
