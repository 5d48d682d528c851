import type { Branch } from '@shared/api/branches';
import type { Database } from '../db/database';
import { isUniqueViolation } from '../db/pgErrors';
import { ApiError } from '../http/apiError';
import { recordAudit } from './auditLog';
import { BRANCH_NAME_INDEX, insertBranch, renameBranch } from './branchStore';

function nameTaken(name: string): ApiError {
  return new ApiError(409, 'branch-name-taken', `There is already a branch called "${name}"`, {
    fields: [{ path: 'name', message: 'Another branch has this name' }],
  });
}

/** Adds a branch; `actorId` null means the command line. */
export async function createBranch(db: Database, actorId: string | null, name: string): Promise<Branch> {
  try {
    return await db.transaction(async (tx) => {
      const branch = await insertBranch(tx, name);
      await recordAudit(tx, { staffId: actorId, action: 'branch-created', detail: { branchId: branch.id, name } });
      return branch;
    });
  } catch (err) {
    // The unique index decides, so two admins adding the same name at once get one branch and one 409.
    if (isUniqueViolation(err, BRANCH_NAME_INDEX)) throw nameTaken(name);
    throw err;
  }
}

export async function updateBranch(db: Database, actorId: string, id: string, name: string): Promise<Branch> {
  try {
    return await db.transaction(async (tx) => {
      const branch = await renameBranch(tx, id, name);
      if (!branch) throw new ApiError(404, 'branch-not-found', 'There is no such branch');
      await recordAudit(tx, { staffId: actorId, action: 'branch-updated', detail: { branchId: id, name } });
      return branch;
    });
  } catch (err) {
    if (isUniqueViolation(err, BRANCH_NAME_INDEX)) throw nameTaken(name);
    throw err;
  }
}
