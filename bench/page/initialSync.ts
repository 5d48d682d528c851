import Dexie from 'dexie';
import { foldFollowUp, pendingDueAtOf } from '../../shared/followups/foldFollowUp';
import type { FollowUp } from '../../shared/followups/followUp';
import { codecOf } from '../../shared/sync/entities';
import type { PulledRecord } from '../../shared/sync/protocol';
import { DeskDb } from '../../renderer/db/deskDb';
import { applySchema } from '../../renderer/db/schema';
import { newRowOf } from '../../renderer/sync/pulledRows';
import { httpTransport } from '../../renderer/sync/httpTransport';
import { syncOnce } from '../../renderer/sync/syncOnce';
import { SYNCED_TABLES } from '../../renderer/sync/syncTables';
import type { InitialSyncResult, RawBulkPutResult } from '../shared/protocol';

/**
 * Issue 4's initial-sync benchmark, in the page on the server's own origin: a new desk's
 * first sync through the app's own code (syncOnce over HTTP into a DeskDb), and, for the
 * ratio the issue asks for, the same rows written by plain Dexie bulkPut into the same
 * schema with nothing else going on.
 */
const DESK_ID = 'bench-sync-desk';
const TABLES = Object.keys(SYNCED_TABLES);

async function counts(db: Dexie): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = await db.table(t).count();
  return out;
}

/** A new desk's first sync of everything the token's branches hold, timed end to end. */
export async function initialSync(token: string, dbName: string, pageSize: number): Promise<InitialSyncResult> {
  await Dexie.delete(dbName);
  const db = new DeskDb(dbName);
  await db.open();
  try {
    const http = httpTransport({ baseUrl: '', deskId: DESK_ID, token: () => token });
    // Time spent waiting for pages (request, server, transfer, JSON parse): the rest is the desk's.
    let pullMs = 0;
    const transport = {
      push: http.push,
      pull: async (cursor: string | undefined, limit: number) => {
        const t = performance.now();
        try {
          return await http.pull(cursor, limit);
        } finally {
          pullMs += performance.now() - t;
        }
      },
    };
    let pages = 0;
    const t0 = performance.now();
    const round = await syncOnce(db, transport, { now: Date.now, pageSize, onProgress: () => void pages++ });
    const ms = performance.now() - t0;
    return { records: round.pulled, pages, ms, pullMs, rowsPerSec: round.pulled / (ms / 1000), counts: await counts(db) };
  } finally {
    db.close();
  }
}

/** The rows a desk stores for pulled records (what applyPulledPage writes into an empty replica). */
function deskRows(records: PulledRecord[]): Map<string, object[]> {
  const byTable = new Map<string, object[]>();
  for (const r of records) {
    let row: object | undefined = newRowOf(r);
    if (!row) throw new Error(`record ${r.entity} ${r.id} does not build`);
    // The data set has no follow-up events: each follow-up's log is empty.
    if (r.entity === 'followUp') {
      const pending = pendingDueAtOf(foldFollowUp(row as FollowUp, []));
      if (pending !== undefined) row = { ...row, pendingDueAt: pending };
    }
    const table = codecOf(r.entity).table;
    const list = byTable.get(table) ?? [];
    list.push(row);
    byTable.set(table, list);
  }
  return byTable;
}

/** Ways to write the reference rows, to see what the hints are worth here. */
export interface RawBulkPutVariant {
  /** Every table written at once, each in its own chain of transactions, instead of one table after the other. */
  parallel?: boolean;
  /** The patrons store without its multi-entry `*terms` search index. */
  leanPatrons?: boolean;
  /** No secondary index in any store: what writing the rows alone costs. */
  bare?: boolean;
  /** With `bare`: each row cut down to its id, so what is left is the cost of a row, not of its bytes. */
  idsOnly?: boolean;
}

/**
 * The reference: every record fetched first (not timed) and turned into desk rows, then
 * written table by table with bulkPut in `chunk`-row transactions into an empty database of
 * the app's schema, without the outbox middleware.
 */
export async function rawBulkPut(token: string, dbName: string, pageSize: number, chunk: number, variant: RawBulkPutVariant = {}): Promise<RawBulkPutResult> {
  const transport = httpTransport({ baseUrl: '', deskId: DESK_ID, token: () => token });
  const records: PulledRecord[] = [];
  for (let cursor: string | undefined, more = true; more; ) {
    const page = await transport.pull(cursor, pageSize);
    records.push(...page.records);
    cursor = page.cursor;
    more = page.more;
  }
  const rows = deskRows(records);
  if (variant.idsOnly) for (const [table, list] of rows) rows.set(table, list.map((r) => ({ id: (r as { id: string }).id })));
  records.length = 0;
  await Dexie.delete(dbName);
  const db = new Dexie(dbName);
  applySchema(db);
  if (variant.leanPatrons) db.version(db.verno + 1).stores({ patrons: 'id, cardNumber, lastContactAt, *flagKinds' });
  if (variant.bare) db.version(db.verno + 1).stores(Object.fromEntries(TABLES.map((t) => [t, 'id'])));
  await db.open();
  try {
    let total = 0;
    const t0 = performance.now();
    const writeTable = async (table: string, list: object[]) => {
      for (let i = 0; i < list.length; i += chunk) await db.table(table).bulkPut(list.slice(i, i + chunk));
      total += list.length;
    };
    if (variant.parallel) await Promise.all([...rows].map(([table, list]) => writeTable(table, list)));
    else for (const [table, list] of rows) await writeTable(table, list);
    const ms = performance.now() - t0;
    return { records: total, chunk, ms, rowsPerSec: total / (ms / 1000), counts: await counts(db) };
  } finally {
    db.close();
  }
}
