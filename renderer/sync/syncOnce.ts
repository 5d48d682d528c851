import { MAX_PULL_PAGE, type PullResponse } from '@shared/sync/protocol';
import type { DeskDb } from '../db/deskDb';
import { applyPulledPage, type PulledPageSummary } from './applyPulled';
import { preparePulledPage, type PreparedPage } from './preparedPage';
import { nextBatch, settleBatch } from './outboxQueue';
import { SyncRequestError, type SyncTransport } from './syncTransport';

export interface SyncRound {
  pushed: number;
  rejected: number;
  pulled: number;
  erased: number;
  /** A full pull (new desk, or the server asked for a resync): progress as pages arrive. */
  fullPull: boolean;
}

export interface SyncOnceOptions {
  now: () => number;
  /** Records per pulled page after the first full pull (which asks for the most the server gives). */
  pageSize?: number;
  /** Called after each pulled page of a full pull. */
  onProgress?: (done: number, total: number | undefined) => void;
}

/**
 * One round: push the outbox until it is empty, then pull until the server has no more.
 * Every step commits on its own, so an interruption anywhere (network, crash, closed lid)
 * loses nothing: the next round resends what was not acknowledged and re-pulls from the
 * saved cursor. Errors are thrown as SyncRequestError for the engine to schedule around.
 */
export async function syncOnce(db: DeskDb, transport: SyncTransport, options: SyncOnceOptions): Promise<SyncRound> {
  const round: SyncRound = { pushed: 0, rejected: 0, pulled: 0, erased: 0, fullPull: false };
  await pushOutbox(db, transport, options, round);
  await pullAll(db, transport, options, round);
  await db.syncState.put({ key: 'lastSyncedAt', value: options.now() });
  return round;
}

/** Pushes the outbox batch by batch until it is empty (or holds only changes to resend later). */
async function pushOutbox(db: DeskDb, transport: SyncTransport, options: SyncOnceOptions, round: SyncRound): Promise<void> {
  for (let guard = 0; guard < 10_000; guard++) {
    const batch = await nextBatch(db);
    if (batch.length === 0) break;
    const response = await transport.push({ mutations: batch.map((r) => r.mutation) });
    const settled = await settleBatch(db, batch, response, options.now());
    round.pushed += settled.accepted;
    round.rejected += settled.rejected;
    // Everything still queued was restamped for a clock the server found ahead: leave it for the next round.
    if (settled.accepted + settled.rejected === 0) break;
  }
}

/** Pulls page by page from the saved cursor until the server has no more. */
async function pullAll(db: DeskDb, transport: SyncTransport, options: SyncOnceOptions, round: SyncRound): Promise<void> {
  let cursor = (await db.syncState.get('cursor'))?.value as string | undefined;
  round.fullPull = cursor === undefined;
  let fresh = cursor === undefined ? await startFullPull(db) : (await db.syncState.get('freshPull'))?.value === 1;
  let total: number | undefined;
  // The next page is fetched while this one is written: the network and the server work
  // while IndexedDB does, instead of each waiting for the other.
  let next: Promise<PullResponse> | undefined;
  const pageSize = () => (round.fullPull || fresh ? MAX_PULL_PAGE : (options.pageSize ?? 500));
  const fetchPage = (from: string | undefined) => {
    const request = transport.pull(from, pageSize());
    request.catch(() => undefined); // awaited (and its failure handled) in the loop, or dropped with it
    return request;
  };
  // The page being written: its transaction commits while the loop fetches and prepares the
  // next one. Only one is in flight, and the next is applied only after it settled, so each
  // page still goes from the cursor the one before it saved.
  let writing: Promise<PulledPageSummary> | undefined;
  let writingSize = 0;
  /** Waits for the page being written; false when another round had moved the cursor (this one stops). */
  const settle = async (): Promise<boolean> => {
    if (!writing) return true;
    const summary = await writing;
    writing = undefined;
    if (summary.superseded) return false;
    round.pulled += writingSize;
    round.erased += summary.erased.length;
    if (round.fullPull) options.onProgress?.(round.pulled, total);
    return true;
  };
  for (let guard = 0; guard < 1_000_000; guard++) {
    let page: PullResponse;
    try {
      page = await (next ?? fetchPage(cursor));
    } catch (err) {
      next = undefined;
      if (!(await settle())) break;
      if (err instanceof SyncRequestError && err.code === 'resync-required' && cursor !== undefined) {
        // The server no longer knows our cursor (restored from a backup, or reset): pull everything
        // again and merge it by clocks; nothing local is dropped.
        await db.syncState.delete('cursor');
        cursor = undefined;
        round.fullPull = true;
        total = undefined;
        fresh = await startFullPull(db);
        continue;
      }
      throw err;
    }
    next = page.more ? fetchPage(page.cursor) : undefined;
    total ??= page.total;
    // Built and validated here, outside any transaction, while the page before commits.
    let prepared: PreparedPage;
    try {
      prepared = preparePulledPage(page, fresh);
    } catch (err) {
      await settle(); // the round ends with no write of its own in flight
      throw err;
    }
    if (!(await settle())) break;
    writing = applyPulledPage(db, page, options.now(), { fresh, last: !page.more, from: cursor, prepared });
    writing.catch(() => undefined); // awaited (and its failure thrown) by settle
    writingSize = page.records.length;
    cursor = page.cursor;
    if (!page.more) break;
  }
  await settle();
}

/**
 * Before a full pull: whether this desk holds no records at all, so the pull may store what
 * it gets without reading first (ApplyPulledOptions.fresh). Saved, so a pull interrupted and
 * resumed later (another round, a restart) keeps it; the pull's last page clears it.
 */
async function startFullPull(db: DeskDb): Promise<boolean> {
  const tables = [db.patrons, db.notes, db.requests, db.followUps, db.followUpEvents];
  let empty = true;
  for (const table of tables) if ((await table.limit(1).count()) > 0) empty = false;
  if (empty) await db.syncState.put({ key: 'freshPull', value: 1 });
  else await db.syncState.delete('freshPull');
  return empty;
}
