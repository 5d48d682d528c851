import type { Queryable } from '../db/database';
import { refreshFollowUps, writeCreatedEntries, writeEntries } from './logProjection';

const PAGE = 2000;

/**
 * Builds the log from sync records that existed before migration 0003. The entries are
 * built by the shared buildLogEntry and the follow-up states by the shared foldFollowUp,
 * which SQL cannot call, so this runs in TypeScript, in the migration's transaction
 * (migrate.ts): the tables and their contents appear together, exactly once, on PGlite and
 * PostgreSQL alike. Reads in pages by id, so memory stays flat on a large database.
 */
export async function backfillLog(tx: Queryable): Promise<void> {
  // Entries first: a follow-up's state is folded from the events its entries point to.
  await eachPage(tx, 'followUpEvent', (ids) => writeEntries(tx, ids));
  await eachPage(tx, 'followUp', async (ids) => {
    await writeCreatedEntries(tx, ids);
    await refreshFollowUps(tx, ids);
  });
}

/**
 * Migration 0004: each follow-up becomes its own "created" entry (shared/followups/followUpLog.ts);
 * the migration's SQL has removed the entries of stored "created" events.
 */
export async function backfillCreatedEntries(tx: Queryable): Promise<void> {
  await eachPage(tx, 'followUp', (ids) => writeCreatedEntries(tx, ids));
}

async function eachPage(tx: Queryable, entity: 'followUp' | 'followUpEvent', write: (ids: string[]) => Promise<unknown>): Promise<void> {
  let after = '';
  for (;;) {
    const { rows } = await tx.query<{ id: string }>(
      'SELECT id FROM sync_records WHERE entity = $1 AND id > $2 ORDER BY id LIMIT $3',
      [entity, after, PAGE],
    );
    if (rows.length === 0) return;
    const ids = rows.map((r) => r.id);
    await write(ids);
    after = ids[ids.length - 1]!;
  }
}
