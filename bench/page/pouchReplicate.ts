import type { PouchReplicateResult } from '../shared/protocol';

/**
 * Issue 4's PouchDB comparison, in a page on the PouchDB server's own origin (same-origin
 * requests, as the desk's sync has): a one-shot PouchDB.replicate from the server into a new
 * database of PouchDB's idb adapter, timed from the call to its completion. PouchDB is
 * loaded on demand so the other benches' page does not carry it.
 */
export async function pouchReplicate(remoteUrl: string, dbName: string, batchSize: number, batchesLimit: number): Promise<PouchReplicateResult> {
  const { default: PouchDB } = await import('pouchdb-browser');
  const local = new PouchDB(dbName, { adapter: 'idb' });
  const remote = new PouchDB(remoteUrl);
  try {
    // Creates the IndexedDB database before the clock starts, as DeskDb.open() does for the desk's sync.
    await local.info();
    const t0 = performance.now();
    const result = await PouchDB.replicate(remote, local, { batch_size: batchSize, batches_limit: batchesLimit });
    const ms = performance.now() - t0;
    if (!result.ok) throw new Error(`replication ended with errors: ${JSON.stringify(result.errors).slice(0, 500)}`);
    const info = await local.info();
    return {
      docs: info.doc_count,
      docsRead: result.docs_read,
      docsWritten: result.docs_written,
      ms,
      docsPerSec: info.doc_count / (ms / 1000),
      batchSize,
      batchesLimit,
      adapter: (info as { adapter?: string }).adapter ?? 'unknown',
    };
  } finally {
    await local.close();
    await remote.close();
  }
}
