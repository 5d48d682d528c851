import { v7 as uuidv7 } from 'uuid';
import type { Branch } from '@shared/api/branches';
import type { Queryable } from '../db/database';

interface BranchRow {
  id: string;
  name: string;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, name, created_at, updated_at';

/** The unique index that keeps branch names apart case-insensitively (0001_accounts.sql). */
export const BRANCH_NAME_INDEX = 'branches_name_unique';

function toBranch(row: BranchRow): Branch {
  return { id: row.id, name: row.name, createdAt: row.created_at.getTime(), updatedAt: row.updated_at.getTime() };
}

/** Branches by name; only those in `ids` when given. */
export async function listBranches(q: Queryable, ids?: readonly string[]): Promise<Branch[]> {
  const { rows } = ids
    ? await q.query<BranchRow>(`SELECT ${COLUMNS} FROM branches WHERE id = ANY($1::uuid[]) ORDER BY lower(name), id`, [ids])
    : await q.query<BranchRow>(`SELECT ${COLUMNS} FROM branches ORDER BY lower(name), id`);
  return rows.map(toBranch);
}

export async function findBranchByName(q: Queryable, name: string): Promise<Branch | undefined> {
  const { rows } = await q.query<BranchRow>(`SELECT ${COLUMNS} FROM branches WHERE lower(name) = lower($1)`, [name]);
  return rows[0] && toBranch(rows[0]);
}

/** The ids in `ids` that name no branch. */
export async function missingBranchIds(q: Queryable, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const { rows } = await q.query<{ id: string }>('SELECT id FROM branches WHERE id = ANY($1::uuid[])', [ids]);
  const found = new Set(rows.map((row) => row.id));
  return ids.filter((id) => !found.has(id));
}

export async function insertBranch(q: Queryable, name: string): Promise<Branch> {
  const { rows } = await q.query<BranchRow>(`INSERT INTO branches (id, name) VALUES ($1, $2) RETURNING ${COLUMNS}`, [uuidv7(), name]);
  return toBranch(rows[0]!);
}

/** Renames a branch; undefined when there is no such branch. */
export async function renameBranch(q: Queryable, id: string, name: string): Promise<Branch | undefined> {
  const { rows } = await q.query<BranchRow>(
    `UPDATE branches SET name = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, name],
  );
  return rows[0] && toBranch(rows[0]);
}
