import type { z } from 'zod';
import { passwordProblem } from '@shared/api/passwordPolicy';
import { BranchNameSchema } from '@shared/api/branches';
import { DisplayNameSchema, UsernameSchema, type StaffMember } from '@shared/api/staff';
import { recordAudit } from '../accounts/auditLog';
import { findBranchByName, insertBranch } from '../accounts/branchStore';
import { addStaff, rethrowUsernameTaken } from '../accounts/staffAccounts';
import { findCredentials } from '../accounts/staffStore';
import { hashPassword, type ScryptCost } from '../auth/passwordHash';
import type { Database } from '../db/database';
import { UsageError } from './commandLine';

export interface CreateAdminInput {
  username: string;
  displayName: string;
  branch: string;
  password: string;
}

export interface CreatedAdmin {
  admin: StaffMember;
  branchName: string;
  branchCreated: boolean;
}

function valid<S extends z.ZodType>(schema: S, value: unknown, option: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new UsageError(`${option}: ${result.error.issues.map((issue) => issue.message).join('; ')}`);
  return result.data;
}

/**
 * `create-admin`: the first administrator (or another one), in the named branch, which is
 * created when no branch has that name (case-insensitively). All in one transaction: a
 * refused admin leaves no new branch behind.
 */
export async function createAdmin(db: Database, input: CreateAdminInput, cost: ScryptCost): Promise<CreatedAdmin> {
  const username = valid(UsernameSchema, input.username, '--username');
  const displayName = valid(DisplayNameSchema, input.displayName, '--name');
  const branchName = valid(BranchNameSchema, input.branch, '--branch');
  const problem = passwordProblem(input.password, username);
  if (problem) throw new UsageError(`Password refused: ${problem}.`);
  if (await findCredentials(db, username)) throw new UsageError(`There is already a staff member with the username "${username}".`);

  const passwordHash = await hashPassword(input.password, cost);
  try {
    return await db.transaction(async (tx) => {
      let branch = await findBranchByName(tx, branchName);
      const branchCreated = !branch;
      if (!branch) {
        branch = await insertBranch(tx, branchName);
        await recordAudit(tx, { staffId: null, action: 'branch-created', detail: { branchId: branch.id, name: branch.name, by: 'command line' } });
      }
      const admin = await addStaff(tx, null, { username, displayName, role: 'admin', branchIds: [branch.id] }, passwordHash);
      return { admin, branchName: branch.name, branchCreated };
    });
  } catch (err) {
    rethrowUsernameTaken(err, username);
  }
}
