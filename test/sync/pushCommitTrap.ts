import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../server/db/database';

const SIGNAL_FILE = 'push-commit-trap-reached';

/** What the trapped transaction saw of itself, written out just before it stopped. */
export interface TrapReport {
  /** Its transaction id (assigned only to a transaction that writes). */
  xid: string;
  /** The highest record sequence number it could see: its own records included. */
  maxSeqInside: number;
}

/**
 * Stops the server's `nth` push batch (counted from installation) inside its transaction,
 * after its last write and before its commit, without a hook in server code: an AFTER
 * INSERT statement trigger on sync_mutations (applyBatches's last write, in the batch's own
 * transaction) writes a file into the PGlite data folder through COPY, then sleeps. The
 * server's process runs PGlite in its own thread, so it stands still until it is killed.
 * Installed while no server holds the folder; `remove` takes it out again.
 */
export async function installPushCommitTrap(db: Database, dataDir: string, nth: number): Promise<void> {
  rmSync(join(dataDir, SIGNAL_FILE), { force: true });
  await db.query('DROP SEQUENCE IF EXISTS push_commit_trap_count');
  await db.query('CREATE SEQUENCE push_commit_trap_count');
  // Sequences are not transactional: the count goes on across the batches' transactions.
  await db.query(`CREATE OR REPLACE FUNCTION push_commit_trap() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF nextval('push_commit_trap_count') = ${Number(nth)} THEN
        EXECUTE format('COPY (SELECT txid_current()::text || '' '' || (SELECT coalesce(max(seq), 0) FROM sync_records)::text) TO %L',
          current_setting('data_directory') || '/${SIGNAL_FILE}');
        PERFORM pg_sleep(600);
      END IF;
      RETURN NULL;
    END $$`);
  await db.query('CREATE TRIGGER push_commit_trap AFTER INSERT ON sync_mutations FOR EACH STATEMENT EXECUTE FUNCTION push_commit_trap()');
}

export async function removePushCommitTrap(db: Database): Promise<void> {
  await db.query('DROP TRIGGER IF EXISTS push_commit_trap ON sync_mutations');
  await db.query('DROP FUNCTION IF EXISTS push_commit_trap()');
  await db.query('DROP SEQUENCE IF EXISTS push_commit_trap_count');
}

/** Resolves with the trapped transaction's report once it is waiting (fails after `timeoutMs`). */
export async function waitForTrap(dataDir: string, timeoutMs: number): Promise<TrapReport> {
  const path = join(dataDir, SIGNAL_FILE);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // COPY writes the whole line before pg_sleep starts; an empty read is a file still being written.
    const text = existsSync(path) ? readFileSync(path, 'utf8').trim() : '';
    const [xid, maxSeq] = text.split(' ');
    if (xid && maxSeq) return { xid, maxSeqInside: Number(maxSeq) };
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms waiting for a push to reach the trap`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
