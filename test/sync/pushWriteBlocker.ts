import pg from 'pg';

/** A push transaction caught waiting inside itself, after it had written. */
export interface BlockedPush {
  /** Its PostgreSQL backend. */
  pid: number;
  /** Its transaction id: PostgreSQL assigns one only once a transaction writes. */
  xid: string;
  /** It holds the row-write lock on sync_records: it has inserted or updated records. */
  wroteRecords: boolean;
}

export interface PushWriteBlocker {
  /** Resolves once a push transaction waits on the blocker (fails after `timeoutMs`). */
  waitForBlockedPush(timeoutMs: number): Promise<BlockedPush>;
  /** Lets the waiting transaction go on (and ends the blocker's connection). */
  release(): Promise<void>;
  /** Resolves once the backend is gone (its client died, so it ends when it next talks to it). */
  waitForBackendGone(pid: number, timeoutMs: number): Promise<void>;
  /** Releases, and ends both connections; safe to call in any state. */
  close(): Promise<void>;
}

const BLOCKED_PUSH_SQL = `
  SELECT a.pid, a.backend_xid::text AS xid,
         EXISTS (SELECT 1 FROM pg_locks w WHERE w.pid = a.pid AND w.granted AND w.mode = 'RowExclusiveLock'
                  AND w.relation = 'sync_records'::regclass) AS "wroteRecords"
    FROM pg_stat_activity a
    JOIN pg_locks l ON l.pid = a.pid AND NOT l.granted AND l.relation = 'sync_mutations'::regclass
   WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()
     AND a.state = 'active' AND a.wait_event_type = 'Lock' AND a.xact_start IS NOT NULL`;

async function poll<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Makes the next push batch stop inside its transaction, late: holds SHARE lock on
 * sync_mutations from a connection of the test's own. A batch (server/sync/syncStore.ts
 * applyBatches) reads sync_mutations first (ACCESS SHARE, which SHARE lets through), then
 * writes sync_records and log_entries, and inserts into sync_mutations last (ROW EXCLUSIVE,
 * which SHARE blocks until released): so the server's transaction waits with most of the
 * batch written and nothing committed. PostgreSQL only: PGlite has a single connection.
 */
export async function blockPushWrites(url: string): Promise<PushWriteBlocker> {
  const holder = new pg.Client({ connectionString: url });
  const watcher = new pg.Client({ connectionString: url });
  await holder.connect();
  await watcher.connect();
  await holder.query('BEGIN');
  await holder.query('LOCK TABLE sync_mutations IN SHARE MODE');
  let released = false;
  let closed = false;
  const release = async () => {
    if (released) return;
    released = true;
    await holder.query('ROLLBACK').catch(() => undefined);
    await holder.end();
  };
  return {
    waitForBlockedPush: (timeoutMs) =>
      poll('a push transaction waiting on sync_mutations', timeoutMs, async () => (await watcher.query<BlockedPush>(BLOCKED_PUSH_SQL)).rows[0]),
    release,
    async waitForBackendGone(pid, timeoutMs) {
      await poll(`backend ${pid} to end`, timeoutMs, async () => ((await watcher.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount === 0 ? true : undefined));
    },
    async close() {
      await release();
      if (closed) return;
      closed = true;
      await watcher.end();
    },
  };
}
