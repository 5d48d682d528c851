import { z } from 'zod';
import { StampSchema } from './stamp';
import { IsoDateSchema, type EpochMs } from './time';
import { localDayOf } from './flags';

export const NOTE_KINDS = ['note', 'alert'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** What staff type: the body, whether it is an alert, and for alerts an optional last day. */
export const NoteInputSchema = z.object({
  body: z.string().trim().min(1, 'Type the note first').max(5000, 'Keep a note under 5,000 characters'),
  kind: z.enum(NOTE_KINDS).default('note'),
  expiresOn: IsoDateSchema.optional(),
});
export type NoteInput = z.input<typeof NoteInputSchema>;

export const NoteSchema = z.object({
  id: z.string().min(1),
  patronId: z.string().min(1),
  branchId: z.string().min(1),
  body: z.string(),
  kind: z.enum(NOTE_KINDS),
  expiresOn: IsoDateSchema.optional(),
  created: StampSchema,
  /** Set when the body or kind was changed after creation. */
  edited: StampSchema.optional(),
  /** An alert stops being shown prominently once someone acknowledges it. */
  acknowledged: StampSchema.optional(),
  /** Soft delete: kept so "undo" (and, later, sync) can restore it. */
  deleted: StampSchema.optional(),
});
export type Note = z.infer<typeof NoteSchema>;

/** An alert shows prominently while it is not deleted, not acknowledged and not past its last day. */
export function isAlertActive(note: Note, now: EpochMs): boolean {
  if (note.kind !== 'alert' || note.deleted || note.acknowledged) return false;
  return note.expiresOn === undefined || note.expiresOn >= localDayOf(now);
}

/** Splits a patron's notes into active alerts (pinned) and the timeline, both newest first. */
export function arrangeNotes(notes: readonly Note[], now: EpochMs): { alerts: Note[]; timeline: Note[] } {
  // Ties (same millisecond) break on the id: UUIDv7 ids are time-ordered, so newer still comes first.
  const live = notes.filter((n) => !n.deleted).sort((a, b) => b.created.at - a.created.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  return {
    alerts: live.filter((n) => isAlertActive(n, now)),
    timeline: live.filter((n) => !isAlertActive(n, now)),
  };
}
