import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { LoginResponse } from '@shared/api/auth';
import type { StaffRole } from '@shared/api/roles';
import type { StaffMember } from '@shared/api/staff';
import { createBranch } from '../accounts/branchAccounts';
import { addStaff } from '../accounts/staffAccounts';
import { DEFAULT_AUTH_SETTINGS, type AuthSettings } from '../auth/authSettings';
import { hashPassword } from '../auth/passwordHash';
import type { Database } from '../db/database';
import { createApp, type AppOptions } from '../http/createApp';

/** The real settings with a cheap scrypt cost: hundreds of test logins must not take minutes. */
export const TEST_AUTH: AuthSettings = { ...DEFAULT_AUTH_SETTINGS, scryptCost: { logN: 10, r: 8, p: 1 } };

export const TEST_PASSWORD = 'a long test password';

export async function buildTestApp(db: Database, options: Partial<AppOptions> = {}): Promise<FastifyInstance> {
  const app = await createApp({ db, auth: TEST_AUTH, ...options });
  await app.ready();
  return app;
}

export interface SeedStaff {
  username: string;
  role: StaffRole;
  branchIds: string[];
  password?: string;
}

/** Adds a staff member straight through the account code (no HTTP, no admin needed). */
export async function seedStaff(db: Database, staff: SeedStaff): Promise<StaffMember> {
  const hash = await hashPassword(staff.password ?? TEST_PASSWORD, TEST_AUTH.scryptCost);
  return db.transaction((tx) => addStaff(tx, null, { username: staff.username, displayName: `${staff.username} (test)`, role: staff.role, branchIds: staff.branchIds }, hash));
}

export async function seedBranch(db: Database, name: string): Promise<string> {
  return (await createBranch(db, null, name)).id;
}

/** Logs in over HTTP and returns the token; fails the test when the login does. */
export async function loginAs(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`login as ${username} failed: ${response.statusCode} ${response.body}`);
  return response.json<LoginResponse>().token;
}

/** A request as a logged-in staff member. */
export function as(app: FastifyInstance, token: string | undefined, request: InjectOptions): Promise<LightMyRequestResponse> {
  return app.inject({ ...request, headers: { ...request.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
}
