import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LoginResponse, MeResponse } from '@shared/api/auth';
import { installAuth } from '../auth/authHook';
import { describeEachDatabase } from '../test/testDatabases';
import { buildTestApp, seedBranch, seedStaff, TEST_AUTH, TEST_PASSWORD } from '../test/testApp';
import { openPgliteDatabase } from '../db/pgliteDatabase';
import { CONTENT_SECURITY_POLICY, createApp } from './createApp';
import { createLogger } from './logging';

function baseUrlOf(app: FastifyInstance): string {
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('not listening');
  return `http://127.0.0.1:${address.port}`;
}

describeEachDatabase('the HTTP server', (database) => {
  let webRoot: string;

  beforeAll(() => {
    webRoot = mkdtempSync(join(tmpdir(), 'desk-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Desk Diary</title>');
    writeFileSync(join(webRoot, 'app-abc123.js'), 'console.log(1)');
  });
  afterAll(() => rmSync(webRoot, { recursive: true, force: true }));
  beforeEach(async () => {
    await database.reset();
    const branch = await seedBranch(database.db, 'Main');
    await seedStaff(database.db, { username: 'dana', role: 'desk', branchIds: [branch] });
  });

  it('reports healthy when the database answers', async () => {
    const app = await buildTestApp(database.db);
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: 'ok' });
    await app.close();
  });

  it('serves the web build with its Content-Security-Policy, index.html uncached and assets cached forever', async () => {
    const app = await buildTestApp(database.db, { webRoot });
    const index = await app.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('Desk Diary');
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers['cache-control']).toBe('no-cache');
    const asset = await app.inject({ method: 'GET', url: '/app-abc123.js' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const api = await app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(api.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(api.headers['cache-control']).toBe('no-store');
    await app.close();
  });

  it('refuses to start without a web build when one is asked for', async () => {
    await expect(createApp({ db: database.db, webRoot: join(webRoot, 'missing') })).rejects.toThrow(/npm run build:web/);
  });

  it('never logs a password or a token', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) });
    const app = await buildTestApp(database.db, { logger: createLogger('trace', sink) });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'dana', password: TEST_PASSWORD } });
    const { token } = login.json<LoginResponse>();
    await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'dana', password: 'a wrong password typed' } });
    app.log.info({ body: { password: TEST_PASSWORD }, token }, 'even when someone logs them by mistake');
    await app.close();
    const log = lines.join('');
    expect(log).toContain('/api/auth/login');
    expect(log).toContain('[redacted]');
    expect(log).not.toContain(TEST_PASSWORD);
    expect(log).not.toContain('a wrong password typed');
    expect(log).not.toContain(token);
  });

  it('serves over a real socket, and on shutdown finishes requests in flight and turns new ones away', async () => {
    const app = await createApp({ db: database.db, auth: TEST_AUTH });
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let started: () => void = () => {};
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    // A slow request that still needs the database when it finally runs.
    app.get('/test/slow', async () => {
      started();
      await released;
      return (await database.db.query<{ n: number }>('SELECT count(*) AS n FROM staff')).rows[0];
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = baseUrlOf(app);

    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'dana', password: TEST_PASSWORD }) });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as LoginResponse;
    const me = await fetch(`${base}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await me.json()) as MeResponse).staff.username).toBe('dana');

    const slow = fetch(`${base}/test/slow`);
    await inFlight;
    const closed = app.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(fetch(`${base}/health`)).rejects.toThrow();
    release();
    const slowResponse = await slow;
    expect(slowResponse.status).toBe(200);
    expect(await slowResponse.json()).toEqual({ n: 1 });
    await closed;
  });
});

describe('the HTTP server without its database', () => {
  it('reports 503 on /health when the database does not answer', async () => {
    const db = await openPgliteDatabase();
    const app = await createApp({ db });
    await db.close();
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ status: 'unavailable', error: { code: 'database-unavailable' } });
    await app.close();
  });

  it('refuses to start with an /api route that does not say who may call it', async () => {
    const db = await openPgliteDatabase();
    const app = Fastify();
    installAuth(app, db, TEST_AUTH);
    expect(() => app.get('/api/forgotten', async () => 'open to all?')).toThrow(/must declare config.access/);
    await app.close();
    await db.close();
  });
});
