import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../test/testDatabases';
import { buildTestApp, seedBranch, seedStaff, TEST_AUTH, TEST_PASSWORD } from '../test/testApp';

const { maxFailuresPerUsername, maxFailuresPerIp, windowSeconds } = TEST_AUTH.loginLimits;

describeEachDatabase('login rate limit', (database) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp(database.db);
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    await database.reset();
    const branch = await seedBranch(database.db, 'Branch');
    await seedStaff(database.db, { username: 'dana', role: 'desk', branchIds: [branch] });
    await seedStaff(database.db, { username: 'eli', role: 'desk', branchIds: [branch] });
  });

  const login = (username: string, password: string, ip = '10.0.0.1') =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
  const fail = async (username: string, times: number, ip = '10.0.0.1') => {
    for (let i = 0; i < times; i += 1) expect((await login(username, `wrong password ${i}`, ip)).statusCode).toBe(401);
  };

  it(`allows ${maxFailuresPerUsername} failures per username, then refuses even the right password with 429 and Retry-After`, async () => {
    await fail('dana', maxFailuresPerUsername);
    const refused = await login('dana', TEST_PASSWORD);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toEqual({ code: 'too-many-attempts', message: 'Too many failed logins; try again in 15 minutes' });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(windowSeconds - 30);
    expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
    // From another address too: the limit protects the account, not the address.
    expect((await login('dana', TEST_PASSWORD, '10.9.9.9')).statusCode).toBe(429);
    // Other people are not locked out.
    expect((await login('eli', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('counts the username case-insensitively', async () => {
    await fail('DANA', 3);
    await fail('Dana', maxFailuresPerUsername - 3);
    expect((await login('dana', TEST_PASSWORD)).statusCode).toBe(429);
  });

  it('lets the person in again once the oldest failures leave the window', async () => {
    await fail('dana', maxFailuresPerUsername);
    expect((await login('dana', TEST_PASSWORD)).statusCode).toBe(429);
    await database.db.query('UPDATE login_attempts SET attempted_at = attempted_at - make_interval(secs => $1)', [windowSeconds + 1]);
    expect((await login('dana', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('does not extend the lockout while a client keeps knocking', async () => {
    await fail('dana', maxFailuresPerUsername);
    for (let i = 0; i < 5; i += 1) expect((await login('dana', 'still guessing')).statusCode).toBe(429);
    expect((await database.db.query('SELECT count(*) AS n FROM login_attempts')).rows).toEqual([{ n: maxFailuresPerUsername }]);
  });

  it("forgets a person's own typos once they log in", async () => {
    await fail('dana', maxFailuresPerUsername - 1);
    expect((await login('dana', TEST_PASSWORD)).statusCode).toBe(200);
    await fail('dana', maxFailuresPerUsername - 1);
    expect((await login('dana', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it("keeps a guesser's failures from another address when the owner logs in", async () => {
    await fail('dana', maxFailuresPerUsername - 1, '10.6.6.6');
    expect((await login('dana', TEST_PASSWORD, '10.0.0.1')).statusCode).toBe(200);
    await fail('dana', 1, '10.6.6.6');
    expect((await login('dana', TEST_PASSWORD, '10.0.0.1')).statusCode).toBe(429);
  });

  it(`allows ${maxFailuresPerIp} failures per address across usernames, then refuses that address`, async () => {
    for (let i = 0; i < maxFailuresPerIp; i += 1) expect((await login(`guess${i}`, 'wrong password')).statusCode).toBe(401);
    const refused = await login('eli', TEST_PASSWORD);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login('eli', TEST_PASSWORD, '10.0.0.2')).statusCode).toBe(200);
  });

  it('lets at most the limit through when guesses arrive all at once', async () => {
    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => login('dana', `parallel guess ${i}`)));
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(maxFailuresPerUsername);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    expect((await login('dana', TEST_PASSWORD)).statusCode).toBe(429);
  });
});
