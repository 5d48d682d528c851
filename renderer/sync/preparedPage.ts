import { foldFollowUp, pendingDueAtOf } from '@shared/followups/foldFollowUp';
import type { FollowUp } from '@shared/followups/followUp';
import { codecOf, type EntityCodec, type SyncedRecord } from '@shared/sync/entities';
import { isHlc, type Hlc } from '@shared/sync/hlc';
import type { PulledRecord, PullResponse } from '@shared/sync/protocol';
import { newRowOf, type Row } from './pulledRows';

export type SyncedTableName = EntityCodec<SyncedRecord>['table'];

/** A pulled record, and for a fresh pull the row it becomes on a desk that does not hold it. */
export interface PreparedRecord {
  record: PulledRecord;
  /** Built ahead (fresh pulls only); 'unreadable' when this build cannot read the record. */
  built?: Row | 'unreadable';
}

/** What of a page can be worked out before its transaction: everything that does not depend on the rows stored. */
export interface PreparedPage {
  page: PullResponse;
  fresh: boolean;
  /** The latest field clock in the page. */
  latest: Hlc | undefined;
  /** Patrons the page erases, in page order. */
  erased: string[];
  /** The other records, by table. */
  byTable: Map<SyncedTableName, PreparedRecord[]>;
  /**
   * Built follow-up rows whose due time was folded from an empty log: right unless this
   * desk holds events, which applyPulledPage checks in the transaction.
   */
  dueFromEmptyLog: Set<Row>;
}

/**
 * Groups a pulled page by table and, for a fresh pull (ApplyPulledOptions.fresh), builds and
 * validates the row of every record. This is pure work on the page alone, so syncOnce does it
 * outside the page's transaction, while the previous page commits: building a page's patrons
 * inside it kept IndexedDB idle while the page ran JavaScript, and the page idle while
 * IndexedDB committed (bench/RESULTS.md §10).
 */
export function preparePulledPage(page: PullResponse, fresh: boolean): PreparedPage {
  const prepared: PreparedPage = { page, fresh, latest: undefined, erased: [], byTable: new Map(), dueFromEmptyLog: new Set() };
  for (const record of page.records) {
    // Compared first, checked only when later: a regular expression per clock of every record was a cost of its own.
    for (const clock of Object.values(record.clocks)) if ((!prepared.latest || clock > prepared.latest) && isHlc(clock)) prepared.latest = clock;
    if (record.erased) {
      prepared.erased.push(record.id);
      continue;
    }
    const table = codecOf(record.entity).table;
    const entry: PreparedRecord = fresh ? { record, built: builtRowOf(record, prepared.dueFromEmptyLog) } : { record };
    const list = prepared.byTable.get(table);
    if (list) list.push(entry);
    else prepared.byTable.set(table, [entry]);
  }
  return prepared;
}

function builtRowOf(record: PulledRecord, dueFromEmptyLog: Set<Row>): Row | 'unreadable' {
  const row = newRowOf(record);
  if (!row) return 'unreadable';
  if (record.entity === 'followUp') {
    const pending = pendingDueAtOf(foldFollowUp(row as unknown as FollowUp, []));
    if (pending !== undefined) row.pendingDueAt = pending;
    dueFromEmptyLog.add(row);
  }
  return row;
}
