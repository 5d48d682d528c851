import type { Database } from '../db/database';

export const ACCOUNT_TABLES = ['branches', 'staff', 'staff_branches', 'sessions', 'login_attempts', 'audit_log', 'sync_records', 'sync_mutations', 'sync_epoch', 'log_entries', 'log_follow_ups'] as const;
export type AccountTable = (typeof ACCOUNT_TABLES)[number];

/**
 * A fingerprint of every row of the given tables, to prove a refused request changed
 * nothing at all (not just the row counts).
 */
export async function snapshot(db: Database, tables: readonly AccountTable[] = ACCOUNT_TABLES): Promise<Record<string, string>> {
  const entries = await Promise.all(
    tables.map(async (table) => {
      const { rows } = await db.query<{ digest: string; n: number }>(
        `SELECT count(*) AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM ${table} t`,
      );
      return [table, `${rows[0]!.n}:${rows[0]!.digest}`] as const;
    }),
  );
  return Object.fromEntries(entries);
}
