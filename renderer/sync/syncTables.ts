import type { EntityName } from '@shared/sync/entities';
import type { ClockMap, FieldMap } from '@shared/sync/fields';
import type { Hlc } from '@shared/sync/hlc';
import type { FieldIssue, Mutation, RejectCode } from '@shared/sync/protocol';

/** The tables whose rows sync, by entity. */
export const SYNCED_TABLES: Readonly<Record<string, EntityName>> = {
  patrons: 'patron',
  notes: 'note',
  requests: 'request',
  followUps: 'followUp',
  followUpEvents: 'followUpEvent',
};

/**
 * Field clocks as this desk stores them: each clock once, with the fields it stamps. A record
 * written in one go has one clock for all its fields, and a clock is about 60 characters, so
 * a field-by-field map made a follow-up's stored row about 1.5× larger than the record itself,
 * on every row of the replica (bench/RESULTS.md §5.3). See rowClocks.ts.
 */
export type ClockGroups = Record<Hlc, string[]>;

/**
 * Sync metadata stored on every synced row beside the record itself: the clock of each
 * field, and fields this build does not know (written by a newer desk), kept so they are
 * neither lost nor sent back as removed.
 */
export interface SyncMeta {
  /** The clock of each field, grouped by clock (rowClocks.ts); read them with `clocksOf`. */
  _clockGroups?: ClockGroups;
  /** The same as a field-by-field map, as schema v5 stored it: read, never written. */
  _clocks?: ClockMap;
  _extra?: FieldMap;
}

/** One change waiting to be pushed, and the patron it is about. */
export interface OutboxChange {
  /** Erasing a patron drops every unsent change about them. */
  patronId: string;
  mutation: Mutation;
}

/**
 * The changes of one local write, in the order they were made: one save is one row, and so
 * is a campaign's 5,000 follow-ups. IndexedDB's cost is per request, so a row per change made
 * that campaign write 10,000 extra rows (bench/RESULTS.md §5.2–5.3). A push may take part
 * of a row; what the server answered leaves it, the rest stays in place and in order.
 */
export interface OutboxRow {
  seq?: number;
  /** The patrons of `changes`, once each (a multi-entry index, for erasure). */
  patronIds: string[];
  changes: OutboxChange[];
  /**
   * `changes.length`, indexed: the pending count is read from the index's keys alone, not by
   * reading every row (a campaign's row holds thousands of changes, megabytes to read on every
   * outbox write while the sync status shows the count).
   */
  changeCount: number;
}

/** A change the server refused; it stays until someone fixes or discards it. */
export interface RejectedRow {
  mutationId: string;
  patronId: string;
  mutation: Mutation;
  code: RejectCode;
  reason: string;
  issues?: FieldIssue[];
  at: number;
}

/**
 * Keyed values of the sync engine: the pull cursor, the last HLC, the last successful sync,
 * and `freshPull` while the first full pull of a desk that held no records is under way
 * (see ApplyPulledOptions.fresh).
 */
export interface SyncStateRow {
  key: 'cursor' | 'hlc' | 'lastSyncedAt' | 'freshPull';
  value: string | number | Hlc;
}

export const OUTBOX = 'outbox';
export const SYNC_STATE = 'syncState';
export const REJECTED = 'syncRejected';
