import type { FollowUp } from '@shared/followups/followUp';
import type { FollowUpEvent } from '@shared/followups/followUpEvents';
import type { Patron } from '@shared/domain/patron';
import { followUpCodec, followUpEventCodec } from '@shared/sync/entities';
import type { FieldMap } from '@shared/sync/fields';
import type { Queryable } from '../db/database';

/** What a log entry needs of a patron: the names, as the shared buildLogEntry takes them. */
export type PatronNames = Pick<Patron, 'title' | 'firstName' | 'lastName'>;

export interface FieldsRow {
  id: string;
  fields: FieldMap;
  seq: string | number;
}

/**
 * Records the caller already holds as they now stand in its transaction (a push group's
 * records: read under its lock, or just written), keyed by `recordKey`. Reads look here
 * first and ask the database only for the rest: a push group's log projection then costs a
 * few statements instead of a dozen (bench/RESULTS.md §9).
 */
export type RecordsAtHand = ReadonlyMap<string, { fields: FieldMap; seq: number; erased: boolean }>;
export const recordKey = (entity: string, id: string): string => `${entity}\u0000${id}`;

async function readFields(q: Queryable, entity: string, ids: readonly string[], atHand?: RecordsAtHand): Promise<FieldsRow[]> {
  const out: FieldsRow[] = [];
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const held = atHand?.get(recordKey(entity, id));
    if (!held) missing.push(id);
    else if (!held.erased) out.push({ id, fields: held.fields, seq: held.seq });
  }
  if (missing.length === 0) return out;
  const { rows } = await q.query<FieldsRow>('SELECT id, fields, seq FROM sync_records WHERE entity = $1 AND id = ANY($2::text[]) AND NOT erased', [entity, missing]);
  return [...out, ...rows];
}

/**
 * Follow-up events by id, decoded by the shared codec, with their sync sequence numbers.
 * A record that does not decode is left out: the server validated it on push, so only a
 * record written by a newer server could fail, and the log must not stop for it.
 */
export async function readEvents(q: Queryable, ids: readonly string[], atHand?: RecordsAtHand): Promise<Array<{ event: FollowUpEvent; seq: number }>> {
  return decodeEvents(await readFields(q, 'followUpEvent', ids, atHand));
}

/** Decodes event rows, leaving out any that do not decode (see readEvents). */
export function decodeEvents(rows: readonly FieldsRow[]): Array<{ event: FollowUpEvent; seq: number }> {
  const out: Array<{ event: FollowUpEvent; seq: number }> = [];
  for (const row of rows) {
    const decoded = followUpEventCodec.fromFields(row.id, row.fields, {});
    if (decoded.ok) out.push({ event: decoded.record, seq: Number(row.seq) });
  }
  return out;
}

export async function readFollowUps(q: Queryable, ids: readonly string[], atHand?: RecordsAtHand): Promise<Map<string, FollowUp>> {
  const out = new Map<string, FollowUp>();
  for (const { followUp } of await readFollowUpsWithSeq(q, ids, atHand)) out.set(followUp.id, followUp);
  return out;
}

/** Follow-ups by id with their sync sequence numbers (a follow-up's "created" entry is ordered by it). */
export async function readFollowUpsWithSeq(q: Queryable, ids: readonly string[], atHand?: RecordsAtHand): Promise<Array<{ followUp: FollowUp; seq: number }>> {
  const out: Array<{ followUp: FollowUp; seq: number }> = [];
  for (const row of await readFields(q, 'followUp', ids, atHand)) {
    const decoded = followUpCodec.fromFields(row.id, row.fields, {});
    if (decoded.ok) out.push({ followUp: decoded.record, seq: Number(row.seq) });
  }
  return out;
}

/** The patron's names straight from its fields: the log needs only these, not a whole (validated) patron. */
export function patronNamesOf(fields: FieldMap): PatronNames | undefined {
  const { title, firstName, lastName } = fields;
  if (typeof firstName !== 'string' || typeof lastName !== 'string') return undefined;
  return { title: typeof title === 'string' ? title : '', firstName, lastName };
}

export async function readPatronNames(q: Queryable, ids: readonly string[], atHand?: RecordsAtHand): Promise<Map<string, PatronNames>> {
  const out = new Map<string, PatronNames>();
  for (const row of await readFields(q, 'patron', ids, atHand)) {
    const names = patronNamesOf(row.fields);
    if (names) out.set(row.id, names);
  }
  return out;
}
