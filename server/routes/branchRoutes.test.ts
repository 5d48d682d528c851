import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { BranchResponse, ListBranchesResponse } from '@shared/api/branches';
import { describeEachDatabase } from '../test/testDatabases';
import { as, buildTestApp, loginAs, seedBranch, seedStaff } from '../test/testApp';

describeEachDatabase('branch endpoints', (database) => {
  let app: FastifyInstance;
  let branchA: string;
  let adminToken: string;

  beforeAll(async () => {
    app = await buildTestApp(database.db);
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    await database.reset();
    branchA = await seedBranch(database.db, 'Central');
    await seedBranch(database.db, 'Annex');
    await seedStaff(database.db, { username: 'root', role: 'admin', branchIds: [] });
    await seedStaff(database.db, { username: 'dana', role: 'desk', branchIds: [branchA] });
    adminToken = await loginAs(app, 'root');
  });

  const names = async (token: string) =>
    (await as(app, token, { method: 'GET', url: '/api/branches' })).json<ListBranchesResponse>().branches.map((b) => b.name);

  it('lists every branch for an admin and only their own for everyone else, by name', async () => {
    expect(await names(adminToken)).toEqual(['Annex', 'Central']);
    expect(await names(await loginAs(app, 'dana'))).toEqual(['Central']);
  });

  it('creates a branch (201), trimmed, and audits it', async () => {
    const response = await as(app, adminToken, { method: 'POST', url: '/api/branches', payload: { name: '  Reading Room ' } });
    expect(response.statusCode).toBe(201);
    const { branch } = response.json<BranchResponse>();
    expect(branch.name).toBe('Reading Room');
    expect(branch.createdAt).toBe(branch.updatedAt);
    const audit = await database.db.query("SELECT 1 FROM audit_log WHERE action = 'branch-created' AND detail->>'branchId' = $1", [branch.id]);
    expect(audit.rowCount).toBe(1);
  });

  it('refuses a name another branch has in any case (409), creating or renaming', async () => {
    const created = await as(app, adminToken, { method: 'POST', url: '/api/branches', payload: { name: 'ANNEX' } });
    expect(created.statusCode).toBe(409);
    expect(created.json().error).toMatchObject({ code: 'branch-name-taken', fields: [{ path: 'name' }] });
    const renamed = await as(app, adminToken, { method: 'PATCH', url: `/api/branches/${branchA}`, payload: { name: 'annex' } });
    expect(renamed.statusCode).toBe(409);
    expect(await names(adminToken)).toEqual(['Annex', 'Central']);
  });

  it('renames a branch; its id and membership stay', async () => {
    const response = await as(app, adminToken, { method: 'PATCH', url: `/api/branches/${branchA}`, payload: { name: 'Central Library' } });
    expect(response.statusCode).toBe(200);
    expect(response.json<BranchResponse>().branch).toMatchObject({ id: branchA, name: 'Central Library' });
    expect(await names(await loginAs(app, 'dana'))).toEqual(['Central Library']);
    // Renaming a branch to its own name in another case is not a conflict with itself.
    expect((await as(app, adminToken, { method: 'PATCH', url: `/api/branches/${branchA}`, payload: { name: 'CENTRAL LIBRARY' } })).statusCode).toBe(200);
  });

  it('answers 404 for a branch that does not exist', async () => {
    const response = await as(app, adminToken, { method: 'PATCH', url: '/api/branches/01890000-0000-7000-8000-000000000000', payload: { name: 'Ghost' } });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('branch-not-found');
  });
});
