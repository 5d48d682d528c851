import { v7 as uuidv7 } from 'uuid';
import type { StaffRole } from '@shared/api/roles';
import type { StaffMember } from '@shared/api/staff';
import type { Queryable } from '../db/database';

interface StaffRow {
  id: string;
  username: string;
  display_name: string;
  role: StaffRole;
  disabled: boolean;
  created_at: Date;
  updated_at: Date;
  branch_ids: string[];
}

/** The unique index that keeps usernames apart case-insensitively (0001_accounts.sql). */
export const USERNAME_INDEX = 'staff_username_unique';

// Branch ids come as text[] so both drivers return plain strings.
const SELECT_STAFF = `
  SELECT s.id, s.username, s.display_name, s.role, s.disabled, s.created_at, s.updated_at,
         COALESCE((SELECT array_agg(sb.branch_id::text ORDER BY sb.branch_id) FROM staff_branches sb WHERE sb.staff_id = s.id), '{}') AS branch_ids
  FROM staff s`;

function toStaff(row: StaffRow): StaffMember {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    branchIds: row.branch_ids,
    disabled: row.disabled,
    createdAt: row.created_at.getTime(),
    updatedAt: row.updated_at.getTime(),
  };
}

/** Everyone, or (with `inBranches`) those who belong to at least one of those branches; by display name. */
export async function listStaff(q: Queryable, inBranches?: readonly string[]): Promise<StaffMember[]> {
  const { rows } = inBranches
    ? await q.query<StaffRow>(
        `${SELECT_STAFF} WHERE EXISTS (SELECT 1 FROM staff_branches sb WHERE sb.staff_id = s.id AND sb.branch_id = ANY($1::uuid[]))
         ORDER BY lower(s.display_name), s.id`,
        [inBranches],
      )
    : await q.query<StaffRow>(`${SELECT_STAFF} ORDER BY lower(s.display_name), s.id`);
  return rows.map(toStaff);
}

/** One staff member; `forUpdate` locks the row until the transaction ends. */
export async function getStaff(q: Queryable, id: string, forUpdate = false): Promise<StaffMember | undefined> {
  const { rows } = await q.query<StaffRow>(`${SELECT_STAFF} WHERE s.id = $1${forUpdate ? ' FOR UPDATE OF s' : ''}`, [id]);
  return rows[0] && toStaff(rows[0]);
}

export interface StaffCredentials {
  id: string;
  username: string;
  disabled: boolean;
  passwordHash: string;
}

/** What a login needs, found by username case-insensitively. */
export async function findCredentials(q: Queryable, username: string): Promise<StaffCredentials | undefined> {
  const { rows } = await q.query<{ id: string; username: string; disabled: boolean; password_hash: string }>(
    'SELECT id, username, disabled, password_hash FROM staff WHERE lower(username) = lower($1)',
    [username],
  );
  const row = rows[0];
  return row && { id: row.id, username: row.username, disabled: row.disabled, passwordHash: row.password_hash };
}

export interface NewStaff {
  username: string;
  displayName: string;
  role: StaffRole;
  passwordHash: string;
}

/** Inserts a staff member (memberships separately); returns the new id. */
export async function insertStaff(q: Queryable, staff: NewStaff): Promise<string> {
  const id = uuidv7();
  await q.query('INSERT INTO staff (id, username, display_name, role, password_hash) VALUES ($1, $2, $3, $4, $5)', [
    id,
    staff.username,
    staff.displayName,
    staff.role,
    staff.passwordHash,
  ]);
  return id;
}

export interface StaffChanges {
  displayName?: string;
  role?: StaffRole;
  disabled?: boolean;
  passwordHash?: string;
}

const COLUMN_OF: Record<keyof StaffChanges, string> = {
  displayName: 'display_name',
  role: 'role',
  disabled: 'disabled',
  passwordHash: 'password_hash',
};

/** Updates the given columns (and updated_at). */
export async function updateStaffRow(q: Queryable, id: string, changes: StaffChanges): Promise<void> {
  const entries = (Object.keys(COLUMN_OF) as (keyof StaffChanges)[]).filter((key) => changes[key] !== undefined);
  const assignments = entries.map((key, index) => `${COLUMN_OF[key]} = $${index + 2}`);
  await q.query(`UPDATE staff SET ${[...assignments, 'updated_at = now()'].join(', ')} WHERE id = $1`, [id, ...entries.map((key) => changes[key])]);
}

/** Replaces a staff member's branches. */
export async function setStaffBranches(q: Queryable, staffId: string, branchIds: readonly string[]): Promise<void> {
  await q.query('DELETE FROM staff_branches WHERE staff_id = $1', [staffId]);
  if (branchIds.length > 0) {
    await q.query('INSERT INTO staff_branches (staff_id, branch_id) SELECT $1, unnest($2::uuid[])', [staffId, branchIds]);
  }
}

/** Admins who can still log in, other than `except`. */
export async function countOtherActiveAdmins(q: Queryable, except: string): Promise<number> {
  const { rows } = await q.query<{ n: number }>("SELECT count(*) AS n FROM staff WHERE role = 'admin' AND NOT disabled AND id <> $1", [except]);
  return rows[0]!.n;
}
