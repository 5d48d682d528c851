import Dexie, { type EntityTable } from 'dexie';
import type { Note } from '@shared/domain/note';
import type { FollowUp } from '@shared/followups/followUp';
import type { FollowUpEvent } from '@shared/followups/followUpEvents';
import type { Patron } from '@shared/domain/patron';
import type { PatronRequest } from '@shared/domain/request';
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

  constructor(name: string) {
    super(name);
    applySchema(this);
  }
}

export const DEFAULT_DB_NAME = 'desk-diary';
