import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { LoginResponse, MeResponse } from '@shared/api/auth';
import { describeEachDatabase } from '../test/testDatabases';
import { as, buildTestApp, loginAs, seedBranch, seedStaff, TEST_AUTH, TEST_PASSWORD } from '../test/testApp';

describeEachDatabase('auth endpoints', (database) => {
  let app: FastifyInstance;
  let branchA: string;
  let branchB: string;

  beforeAll(async () => {
    app = await buildTestApp(database.db);
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    await database.reset();
    branchA = await seedBranch(database.db, 'Branch A');
    branchB = await seedBranch(database.db, 'Branch B');
    await seedStaff(database.db, { username: 'Dana', role: 'desk', branchIds: [branchA] });
  });

  const login = (username: string, password: string) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

  it('logs in with the username in any case and returns a token, its expiry and the staff member', async () => {
    const before = Date.now();
    const response = await login('DANA', TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const body = response.json<LoginResponse>();
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.staff).toMatchObject({ username: 'Dana', role: 'desk', branchIds: [branchA] });
    expect(body.expiresAt).toBeGreaterThanOrEqual(before + TEST_AUTH.sessionIdleSeconds * 1000 - 5000);
    expect(body.absoluteExpiresAt).toBeGreaterThanOrEqual(before + TEST_AUTH.sessionMaxSeconds * 1000 - 5000);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('refuses a wrong password and an unknown user with the same answer', async () => {
    const wrong = await login('dana', 'not the password at all');
    const unknown = await login('nobody', TEST_PASSWORD);
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ error: { code: 'invalid-credentials', message: 'Wrong username or password' } });
    }
  });

  it('keeps only the SHA-256 of the token: nothing in the sessions table contains the token', async () => {
    const token = await loginAs(app, 'dana');
    const { rows } = await database.db.query<Record<string, unknown>>('SELECT * FROM sessions');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);
    const { rows: staffRows } = await database.db.query<{ password_hash: string }>('SELECT password_hash FROM staff');
    expect(JSON.stringify(staffRows)).not.toContain(TEST_PASSWORD);
  });

  it('tells who is logged in and which branches they work in', async () => {
    const token = await loginAs(app, 'dana');
    const response = await as(app, token, { method: 'GET', url: '/api/auth/me' });
    expect(response.statusCode).toBe(200);
    const me = response.json<MeResponse>();
    expect(me.staff).toMatchObject({ username: 'Dana', displayName: 'Dana (test)', role: 'desk', branchIds: [branchA] });
    expect(me.branches).toEqual([{ id: branchA, name: 'Branch A' }]);
  });

  it('shows an admin every branch, member or not', async () => {
    await seedStaff(database.db, { username: 'root', role: 'admin', branchIds: [] });
    const me = (await as(app, await loginAs(app, 'root'), { method: 'GET', url: '/api/auth/me' })).json<MeResponse>();
    expect(me.branches.map((b) => b.id).sort()).toEqual([branchA, branchB].sort());
  });

  it('logs out: the token stops working at once, other sessions go on', async () => {
    const first = await loginAs(app, 'dana');
    const second = await loginAs(app, 'dana');
    const out = await as(app, first, { method: 'POST', url: '/api/auth/logout' });
    expect(out.statusCode).toBe(204);
    const after = await as(app, first, { method: 'GET', url: '/api/auth/me' });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toEqual({ error: { code: 'session-revoked', message: 'This session was logged out; log in again' } });
    expect(after.headers['www-authenticate']).toBe('Bearer');
    expect((await as(app, second, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
  });

  it('refuses an expired session', async () => {
    const token = await loginAs(app, 'dana');
    await database.db.query("UPDATE sessions SET expires_at = now() - interval '1 second'");
    const response = await as(app, token, { method: 'GET', url: '/api/auth/me' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('session-expired');
  });

  it('slides the expiry forward with use, never past the absolute limit', async () => {
    const token = await loginAs(app, 'dana');
    // As if the session had last been used 10 minutes ago and had 5 minutes left.
    await database.db.query("UPDATE sessions SET last_used_at = now() - interval '10 minutes', expires_at = now() + interval '5 minutes'");
    const me = (await as(app, token, { method: 'GET', url: '/api/auth/me' })).json<MeResponse>();
    expect(me.session.expiresAt).toBeGreaterThan(Date.now() + TEST_AUTH.sessionIdleSeconds * 1000 - 60_000);

    await database.db.query("UPDATE sessions SET last_used_at = now() - interval '10 minutes', absolute_expires_at = now() + interval '1 hour'");
    const capped = (await as(app, token, { method: 'GET', url: '/api/auth/me' })).json<MeResponse>();
    expect(capped.session.expiresAt).toBe(capped.session.absoluteExpiresAt);
    expect(capped.session.expiresAt).toBeLessThan(Date.now() + 3_600_000 + 1000);
  });

  it('does not write to the database on every request (touches a session at most once a minute)', async () => {
    const token = await loginAs(app, 'dana');
    const before = (await database.db.query<{ last_used_at: Date }>('SELECT last_used_at FROM sessions')).rows[0]!.last_used_at;
    await as(app, token, { method: 'GET', url: '/api/auth/me' });
    const after = (await database.db.query<{ last_used_at: Date }>('SELECT last_used_at FROM sessions')).rows[0]!.last_used_at;
    expect(after.getTime()).toBe(before.getTime());
  });

  it('refuses a disabled account with the right password, and does not count it as a guess', async () => {
    await database.db.query("UPDATE staff SET disabled = true WHERE username = 'Dana'");
    const response = await login('dana', TEST_PASSWORD);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('account-disabled');
    expect((await database.db.query('SELECT count(*) AS n FROM login_attempts')).rows).toEqual([{ n: 0 }]);
  });

  it('audits logins, failed logins and logouts, without passwords or tokens', async () => {
    await login('dana', 'a wrong password');
    const token = await loginAs(app, 'dana');
    await as(app, token, { method: 'POST', url: '/api/auth/logout', payload: {} });
    const { rows } = await database.db.query<{ action: string; detail: Record<string, unknown> }>('SELECT action, detail FROM audit_log ORDER BY id');
    expect(rows.map((r) => r.action)).toEqual(['branch-created', 'branch-created', 'staff-created', 'login-failed', 'login', 'logout']);
    expect(rows[3]!.detail).toMatchObject({ username: 'dana', ip: '127.0.0.1' });
    const text = JSON.stringify(rows);
    expect(text).not.toContain(token);
    expect(text).not.toContain('a wrong password');
    expect(text).not.toContain(TEST_PASSWORD);
  });

  it('logout takes no body other than {}', async () => {
    const token = await loginAs(app, 'dana');
    const response = await as(app, token, { method: 'POST', url: '/api/auth/logout', payload: { everywhere: true } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation');
    expect((await as(app, token, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
  });
});
