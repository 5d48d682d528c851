import { createBranch } from '../../server/accounts/branchAccounts';
import { addStaff } from '../../server/accounts/staffAccounts';
import { hashPassword } from '../../server/auth/passwordHash';
import type { Database } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { openDatabase } from '../../server/db/openDatabase';
import { adminSql, databaseUrl } from '../export/benchServer';
import { syncRecords } from './syncDataset';

/**
 * The PostgreSQL side of issue 4's first-sync benches (bench:sync, bench:pouchdb): database
 * desk_bench_sync holding the sync data set, seeded once and kept between runs (seeding
 * 500,000 records takes a minute or more), rebuilt when its record count differs or on
 * --reseed.
 */
export const SYNC_DB_NAME = 'desk_bench_sync';
export const SYNC_DESK_USER = 'benchdesk';
export const SYNC_DESK_PASSWORD = 'bench-sync-password';

export interface SyncDataSize {
  patrons: number;
  notesPerPatron: number;
}

export const recordCount = (size: SyncDataSize): number => size.patrons * (size.notesPerPatron + 2);

export function testDatabaseUrl(bench: string): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error(`${bench} needs TEST_DATABASE_URL (postgres://… of a role that may create databases), e.g. the one .ci/run sets`);
  return url;
}

/** The branch of a database seeded earlier with exactly this data set, if it is one. */
async function seededBranch(db: Database, size: SyncDataSize, log: (line: string) => void): Promise<string | undefined> {
  await migrate(db);
  const have = await db.query<{ n: string; branch: string | null }>('SELECT count(*) AS n, min(branch_id) AS branch FROM sync_records');
  if (Number(have.rows[0]!.n) !== recordCount(size) || !have.rows[0]!.branch) return undefined;
  log(`reusing ${SYNC_DB_NAME}: ${recordCount(size)} records`);
  return have.rows[0]!.branch;
}

async function seed(db: Database, size: SyncDataSize, log: (line: string) => void): Promise<string> {
  await migrate(db);
  const branchId = (await createBranch(db, null, 'Central library')).id;
  const hash = await hashPassword(SYNC_DESK_PASSWORD, { logN: 10, r: 8, p: 1 });
  await db.transaction((tx) => addStaff(tx, null, { username: SYNC_DESK_USER, displayName: 'Bench desk', role: 'desk', branchIds: [branchId] }, hash));
  const t0 = performance.now();
  const STEP = 2000;
  for (let from = 0; from < size.patrons; from += STEP) {
    const records = syncRecords(from, Math.min(size.patrons, from + STEP), size.patrons, size.notesPerPatron, branchId);
    const rows = records.map((r, n) => ({ n, entity: r.entity, id: r.id, branch_id: r.branchId, patron_id: r.patronId, fields: r.fields, clocks: r.clocks }));
    await db.query(
      `INSERT INTO sync_records (entity, id, branch_id, patron_id, fields, clocks, seq)
       SELECT entity, id, branch_id, patron_id, fields, clocks, nextval('sync_seq')
         FROM jsonb_to_recordset($1::jsonb) AS x(n int, entity text, id text, branch_id text, patron_id text, fields jsonb, clocks jsonb)
        ORDER BY n`,
      [JSON.stringify(rows)],
    );
    if ((from / STEP) % 10 === 0) log(`  seeded ${from + STEP} of ${size.patrons} patrons`);
  }
  await db.query('VACUUM ANALYZE sync_records');
  log(`seeded ${recordCount(size)} records in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return branchId;
}

/** desk_bench_sync holding this data set (seeded now if it does not), and its branch. */
export async function openSeededSyncDatabase(base: string, size: SyncDataSize, reseed: boolean, log: (line: string) => void): Promise<{ db: Database; branchId: string }> {
  const existing = await openDatabase({ kind: 'postgres', url: databaseUrl(base, SYNC_DB_NAME) }).catch(() => undefined);
  const kept = existing && !reseed ? await seededBranch(existing, size, log) : undefined;
  if (existing && kept) return { db: existing, branchId: kept };
  await existing?.close();
  await adminSql(base, `DROP DATABASE IF EXISTS ${SYNC_DB_NAME} WITH (FORCE)`);
  await adminSql(base, `CREATE DATABASE ${SYNC_DB_NAME}`);
  const db = await openDatabase({ kind: 'postgres', url: databaseUrl(base, SYNC_DB_NAME) });
  return { db, branchId: await seed(db, size, log) };
}
