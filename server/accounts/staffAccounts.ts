import { passwordProblem } from '@shared/api/passwordPolicy';
import { roleNeedsBranch } from '@shared/api/roles';
import type { CreateStaffRequest, StaffMember, UpdateStaffRequest } from '@shared/api/staff';
import { hashPassword, type ScryptCost } from '../auth/passwordHash';
import { revokeStaffSessions } from '../auth/sessions';
import type { Database, Transaction } from '../db/database';
import { isUniqueViolation } from '../db/pgErrors';
import { ApiError, validationFailed } from '../http/apiError';
import { recordAudit } from './auditLog';
import { missingBranchIds } from './branchStore';
import { countOtherActiveAdmins, getStaff, insertStaff, setStaffBranches, updateStaffRow, USERNAME_INDEX, type StaffChanges } from './staffStore';

// Serialises changes that could remove the last active admin, across server processes.
const ADMIN_SET_LOCK_KEY = 4_217_800_918;

function checkPassword(password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw validationFailed([{ path: 'password', message: problem }]);
}

async function checkBranchesExist(tx: Transaction, branchIds: readonly string[]): Promise<void> {
  const missing = await missingBranchIds(tx, branchIds);
  if (missing.length > 0) {
    throw new ApiError(400, 'unknown-branch', missing.length === 1 ? 'One of the branches does not exist' : `${missing.length} of the branches do not exist`, {
      fields: missing.map((id) => ({ path: `branchIds.${branchIds.indexOf(id)}`, message: 'No branch has this id' })),
    });
  }
}

function usernameTaken(username: string): ApiError {
  return new ApiError(409, 'username-taken', `The username "${username}" is taken`, {
    fields: [{ path: 'username', message: 'Someone already has this username (case does not matter)' }],
  });
}

/** Maps the unique-username violation (which aborted a transaction) to its 409. */
export function rethrowUsernameTaken(err: unknown, username: string): never {
  throw isUniqueViolation(err, USERNAME_INDEX) ? usernameTaken(username) : err;
}

/**
 * Inserts a staff member with their branches and the audit entry, inside the caller's
 * transaction (the password already hashed: on PGlite a transaction holds the only connection).
 */
export async function addStaff(tx: Transaction, actorId: string | null, input: Omit<CreateStaffRequest, 'password'>, passwordHash: string): Promise<StaffMember> {
  await checkBranchesExist(tx, input.branchIds);
  const id = await insertStaff(tx, { username: input.username, displayName: input.displayName, role: input.role, passwordHash });
  await setStaffBranches(tx, id, input.branchIds);
  await recordAudit(tx, {
    staffId: actorId,
    action: 'staff-created',
    detail: { targetId: id, username: input.username, role: input.role, branchIds: input.branchIds },
  });
  return (await getStaff(tx, id))!;
}

/** Adds a staff member with their branches, all or nothing. */
export async function createStaff(db: Database, actorId: string, input: CreateStaffRequest, cost: ScryptCost): Promise<StaffMember> {
  checkPassword(input.password, input.username);
  const passwordHash = await hashPassword(input.password, cost);
  try {
    return await db.transaction((tx) => addStaff(tx, actorId, input, passwordHash));
  } catch (err) {
    rethrowUsernameTaken(err, input.username);
  }
}

/** Refuses a change that would leave no administrator able to log in (the caller holds the admin-set lock). */
async function keepAnAdmin(tx: Transaction, current: StaffMember, patch: UpdateStaffRequest): Promise<void> {
  const losesAdmin = current.role === 'admin' && !current.disabled && ((patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true);
  if (!losesAdmin) return;
  if ((await countOtherActiveAdmins(tx, current.id)) === 0) {
    throw new ApiError(409, 'last-admin', 'This is the only active administrator: make someone else an administrator first');
  }
}

/**
 * Changes a staff member. Disabling them or setting a new password ends all their sessions
 * in the same transaction; a new role or branches take effect on their next request.
 */
export async function updateStaff(db: Database, actorId: string, id: string, patch: UpdateStaffRequest, cost: ScryptCost): Promise<StaffMember> {
  const before = await getStaff(db, id);
  if (!before) throw new ApiError(404, 'staff-not-found', 'There is no such staff member');
  if (patch.password !== undefined) checkPassword(patch.password, before.username);
  // Hash before the transaction: on PGlite a transaction holds the only connection.
  const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password, cost);

  return db.transaction(async (tx) => {
    if (patch.role !== undefined || patch.disabled !== undefined) await tx.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_SET_LOCK_KEY]);
    const current = await getStaff(tx, id, true);
    if (!current) throw new ApiError(404, 'staff-not-found', 'There is no such staff member');
    await keepAnAdmin(tx, current, patch);
    const role = patch.role ?? current.role;
    const branchIds = patch.branchIds ?? current.branchIds;
    if (roleNeedsBranch(role) && branchIds.length === 0) {
      throw validationFailed([{ path: 'branchIds', message: 'Choose at least one branch for desk and manager staff' }]);
    }
    if (patch.branchIds) await checkBranchesExist(tx, patch.branchIds);

    const changes: StaffChanges = { displayName: patch.displayName, role: patch.role, disabled: patch.disabled, passwordHash };
    await updateStaffRow(tx, id, changes);
    if (patch.branchIds) await setStaffBranches(tx, id, patch.branchIds);
    let sessionsEnded = 0;
    if (patch.disabled === true && !current.disabled) sessionsEnded += await revokeStaffSessions(tx, id, 'disabled');
    if (passwordHash) sessionsEnded += await revokeStaffSessions(tx, id, 'password-reset');

    const { password: _password, ...visible } = patch;
    await recordAudit(tx, {
      staffId: actorId,
      action: 'staff-updated',
      detail: { targetId: id, ...visible, ...(passwordHash ? { passwordReset: true } : {}), sessionsEnded },
    });
    return (await getStaff(tx, id))!;
  });
}
