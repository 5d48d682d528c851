import Dexie, { type EntityTable } from 'dexie';
import type { Note } from '@shared/domain/note';
import type { FollowUp } from '@shared/followups/followUp';
import type { FollowUpEvent } from '@shared/followups/followUpEvents';
import type { Patron } from '@shared/domain/patron';
import type { PatronRequest } from '@shared/domain/request';
import { outboxMiddleware } from '../sync/outboxMiddleware';
import { SyncClock } from '../sync/syncClock';
import type { OutboxRow, RejectedRow, SyncStateRow } from '../sync/syncTables';
import { applySchema } from './schema';

/** Small per-desk records (desk identity, ladder, known staff, recently opened) keyed by name. */
export interface MetaRow {
  key: string;
  value: unknown;
}

/** The desk's local replica. One class, typed tables; the versions live in schema.ts. */
export class DeskDb extends Dexie {
  patrons!: EntityTable<Patron, 'id'>;
  notes!: EntityTable<Note, 'id'>;
  requests!: EntityTable<PatronRequest, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;
  followUps!: EntityTable<FollowUp, 'id'>;
  followUpEvents!: EntityTable<FollowUpEvent, 'id'>;
  outbox!: EntityTable<OutboxRow, 'seq'>;
  syncState!: EntityTable<SyncStateRow, 'key'>;
  syncRejected!: EntityTable<RejectedRow, 'mutationId'>;
  readonly syncClock: SyncClock;

  /** `now` stamps the sync clock (tests and the fuzzer's skewed desks inject their own). */
  constructor(name: string, options: { now?: () => number } = {}) {
    super(name);
    applySchema(this);
    this.syncClock = new SyncClock(options.now ?? Date.now);
    // Every write to a synced table also records its change for the server, in the same transaction.
    this.use(outboxMiddleware(this.syncClock));
  }
}

export const DEFAULT_DB_NAME = 'desk-diary';
