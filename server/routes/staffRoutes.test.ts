import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { ListStaffResponse, StaffMember, StaffResponse } from '@shared/api/staff';
import { describeEachDatabase } from '../test/testDatabases';
import { updateStaff } from '../accounts/staffAccounts';
import { as, buildTestApp, loginAs, seedBranch, seedStaff, TEST_AUTH, TEST_PASSWORD } from '../test/testApp';

const NEW_PASSWORD = 'brand new password 2';

describeEachDatabase('staff endpoints', (database) => {
  let app: FastifyInstance;
  let branchA: string;
  let branchB: string;
  let admin: StaffMember;
  let adminToken: string;
  let desk: StaffMember;

  beforeAll(async () => {
    app = await buildTestApp(database.db);
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    await database.reset();
    branchA = await seedBranch(database.db, 'Branch A');
    branchB = await seedBranch(database.db, 'Branch B');
    admin = await seedStaff(database.db, { username: 'root', role: 'admin', branchIds: [] });
    desk = await seedStaff(database.db, { username: 'dana', role: 'desk', branchIds: [branchA] });
    adminToken = await loginAs(app, 'root');
  });

  const create = (body: unknown) => as(app, adminToken, { method: 'POST', url: '/api/staff', payload: body as object });
  const patch = (id: string, body: unknown, token = adminToken) => as(app, token, { method: 'PATCH', url: `/api/staff/${id}`, payload: body as object });
  const counts = async () => (await database.db.query('SELECT (SELECT count(*) FROM staff) AS staff, (SELECT count(*) FROM staff_branches) AS memberships')).rows[0];

  it('creates a staff member in their branches (201) and audits it without the password', async () => {
    const response = await create({ username: 'Eli.M', displayName: ' Eli Moreno ', role: 'manager', branchIds: [branchA, branchB], password: NEW_PASSWORD });
    expect(response.statusCode).toBe(201);
    const { staff } = response.json<StaffResponse>();
    expect(staff).toMatchObject({ username: 'Eli.M', displayName: 'Eli Moreno', role: 'manager', disabled: false });
    expect(staff.branchIds.sort()).toEqual([branchA, branchB].sort());
    expect((await loginAs(app, 'eli.m', NEW_PASSWORD)).length).toBe(43);
    const audit = (await database.db.query<{ staff_id: string; detail: object }>("SELECT staff_id, detail FROM audit_log WHERE action = 'staff-created' AND detail->>'username' = 'Eli.M'")).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.staff_id).toBe(admin.id);
    expect(JSON.stringify(audit)).not.toContain(NEW_PASSWORD);
  });

  it('refuses a username that differs only in case (409) and writes nothing', async () => {
    const before = await counts();
    const response = await create({ username: 'DANA', displayName: 'Another Dana', role: 'desk', branchIds: [branchA], password: NEW_PASSWORD });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'username-taken', fields: [{ path: 'username' }] });
    expect(await counts()).toEqual(before);
  });

  it('refuses a branch that does not exist (400, naming the entry) and writes nothing', async () => {
    const before = await counts();
    const response = await create({ username: 'eli', displayName: 'Eli', role: 'desk', branchIds: [branchA, '01890000-0000-7000-8000-000000000000'], password: NEW_PASSWORD });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'unknown-branch', fields: [{ path: 'branchIds.1', message: 'No branch has this id' }] });
    expect(await counts()).toEqual(before);
  });

  it('refuses desk and manager staff without a branch, weak passwords and passwords containing the username', async () => {
    const noBranch = await create({ username: 'eli', displayName: 'Eli', role: 'desk', branchIds: [], password: NEW_PASSWORD });
    expect(noBranch.json().error.fields).toEqual([{ path: 'branchIds', message: 'Choose at least one branch for desk and manager staff' }]);
    const weak = await create({ username: 'eli', displayName: 'Eli', role: 'desk', branchIds: [branchA], password: 'short' });
    expect(weak.json().error.fields).toEqual([{ path: 'password', message: 'Use at least 10 characters (a few words make a good password)' }]);
    const containsName = await create({ username: 'eliana', displayName: 'Eli', role: 'desk', branchIds: [branchA], password: 'ELIANA at the desk' });
    expect(containsName.json().error.fields).toEqual([{ path: 'password', message: 'The password must not contain the username' }]);
    expect([noBranch.statusCode, weak.statusCode, containsName.statusCode]).toEqual([400, 400, 400]);
  });

  it('lets an admin exist without branches', async () => {
    const response = await create({ username: 'second-admin', displayName: 'Second', role: 'admin', branchIds: [], password: NEW_PASSWORD });
    expect(response.statusCode).toBe(201);
  });

  it('renames, changes role and replaces branches; the change applies to the next request', async () => {
    const deskToken = await loginAs(app, 'dana');
    expect((await as(app, deskToken, { method: 'GET', url: '/api/staff' })).statusCode).toBe(403);
    const response = await patch(desk.id, { displayName: 'Dana S.', role: 'manager', branchIds: [branchB] });
    expect(response.statusCode).toBe(200);
    expect(response.json<StaffResponse>().staff).toMatchObject({ displayName: 'Dana S.', role: 'manager', branchIds: [branchB] });
    // Same token, new powers: roles and branches are read on every request.
    const list = await as(app, deskToken, { method: 'GET', url: '/api/staff' });
    expect(list.statusCode).toBe(200);
    expect(list.json<ListStaffResponse>().staff.map((s) => s.username)).toEqual(['dana']);
  });

  it('disabling ends every session of that person', async () => {
    const deskToken = await loginAs(app, 'dana');
    const response = await patch(desk.id, { disabled: true });
    expect(response.json<StaffResponse>().staff.disabled).toBe(true);
    const after = await as(app, deskToken, { method: 'GET', url: '/api/auth/me' });
    expect(after.statusCode).toBe(401);
    expect(after.json().error).toEqual({ code: 'session-revoked', message: 'Your account was disabled; ask an administrator' });
    const again = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'dana', password: TEST_PASSWORD } });
    expect(again.statusCode).toBe(403);
    // Enabled again, they can log in (old sessions stay ended).
    await patch(desk.id, { disabled: false });
    expect((await loginAs(app, 'dana')).length).toBe(43);
    expect((await as(app, deskToken, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('a password reset ends every session; only the new password works', async () => {
    const deskToken = await loginAs(app, 'dana');
    expect((await patch(desk.id, { password: NEW_PASSWORD })).statusCode).toBe(200);
    const after = await as(app, deskToken, { method: 'GET', url: '/api/auth/me' });
    expect(after.json().error).toEqual({ code: 'session-revoked', message: 'Your password was changed; log in with the new one' });
    const old = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'dana', password: TEST_PASSWORD } });
    expect(old.statusCode).toBe(401);
    expect((await loginAs(app, 'dana', NEW_PASSWORD)).length).toBe(43);
    const audit = await database.db.query<{ detail: Record<string, unknown> }>("SELECT detail FROM audit_log WHERE action = 'staff-updated'");
    expect(audit.rows[0]!.detail).toMatchObject({ targetId: desk.id, passwordReset: true, sessionsEnded: 1 });
    expect(JSON.stringify(audit.rows)).not.toContain(NEW_PASSWORD);
  });

  it('never leaves the server without an active admin', async () => {
    for (const change of [{ role: 'manager', branchIds: [branchA] }, { disabled: true }]) {
      const response = await patch(admin.id, change);
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('last-admin');
    }
    const second = await create({ username: 'second', displayName: 'Second', role: 'admin', branchIds: [], password: NEW_PASSWORD });
    expect((await patch(second.json<StaffResponse>().staff.id, { disabled: true })).statusCode).toBe(200);
    expect((await patch(admin.id, { role: 'desk', branchIds: [branchA] })).statusCode).toBe(409);
  });

  it('refuses two admins disabling each other at the same moment from leaving none', async () => {
    const second = (await create({ username: 'second', displayName: 'Second', role: 'admin', branchIds: [], password: NEW_PASSWORD })).json<StaffResponse>().staff;
    // Straight to the account code, so both changes are surely in flight together (over HTTP
    // the first to commit would also end the other admin's session before its request), with
    // two pooled connections open already so neither waits for a connection to be made.
    // Several rounds, because a race shows itself only sometimes.
    for (let round = 0; round < 5; round += 1) {
      await database.db.query("UPDATE staff SET disabled = false WHERE role = 'admin'");
      await Promise.all([database.db.query('SELECT pg_sleep(0.05)'), database.db.query('SELECT pg_sleep(0.05)')]);
      const results = await Promise.allSettled([
        updateStaff(database.db, second.id, admin.id, { disabled: true }, TEST_AUTH.scryptCost),
        updateStaff(database.db, admin.id, second.id, { disabled: true }, TEST_AUTH.scryptCost),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'last-admin', statusCode: 409 } });
      expect((await database.db.query("SELECT count(*) AS n FROM staff WHERE role = 'admin' AND NOT disabled")).rows).toEqual([{ n: 1 }]);
    }
  });

  it('needs a branch when the new role is desk or manager, and checks it exists', async () => {
    const otherAdmin = (await create({ username: 'x-admin', displayName: 'X', role: 'admin', branchIds: [], password: NEW_PASSWORD })).json<StaffResponse>().staff;
    const demote = await patch(otherAdmin.id, { role: 'desk' });
    expect(demote.statusCode).toBe(400);
    expect(demote.json().error.fields).toEqual([{ path: 'branchIds', message: 'Choose at least one branch for desk and manager staff' }]);
    const unknown = await patch(desk.id, { branchIds: ['01890000-0000-7000-8000-000000000000'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('unknown-branch');
    expect((await patch(desk.id, { branchIds: [] })).statusCode).toBe(400);
  });

  it('answers 404 for a staff member who does not exist and 400 for an empty change', async () => {
    const missing = await patch('01890000-0000-7000-8000-000000000000', { displayName: 'Ghost' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('staff-not-found');
    const empty = await patch(desk.id, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toMatch(/Nothing to change/);
  });

  it('shows a manager the staff of their own branches only, with only those branches', async () => {
    const both = await seedStaff(database.db, { username: 'both', role: 'desk', branchIds: [branchA, branchB] });
    await seedStaff(database.db, { username: 'bea', role: 'desk', branchIds: [branchB] });
    await seedStaff(database.db, { username: 'mia', role: 'manager', branchIds: [branchA] });
    const managerToken = await loginAs(app, 'mia');
    const list = (await as(app, managerToken, { method: 'GET', url: '/api/staff' })).json<ListStaffResponse>().staff;
    expect(list.map((s) => s.username).sort()).toEqual(['both', 'dana', 'mia']);
    expect(list.find((s) => s.id === both.id)!.branchIds).toEqual([branchA]);
    const filtered = await as(app, managerToken, { method: 'GET', url: `/api/staff?branchId=${branchA}` });
    expect(filtered.statusCode).toBe(200);
    const other = await as(app, managerToken, { method: 'GET', url: `/api/staff?branchId=${branchB}` });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('forbidden-branch');
  });

  it('shows an admin everyone, or one branch', async () => {
    await seedStaff(database.db, { username: 'bea', role: 'desk', branchIds: [branchB] });
    const all = (await as(app, adminToken, { method: 'GET', url: '/api/staff' })).json<ListStaffResponse>().staff;
    expect(all.map((s) => s.username).sort()).toEqual(['bea', 'dana', 'root']);
    const inB = (await as(app, adminToken, { method: 'GET', url: `/api/staff?branchId=${branchB}` })).json<ListStaffResponse>().staff;
    expect(inB.map((s) => s.username)).toEqual(['bea']);
  });
});
