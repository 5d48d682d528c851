import type { FollowUp } from '@shared/followups/followUp';
import type { FollowUpEvent } from '@shared/followups/followUpEvents';
import type { Patron } from '@shared/domain/patron';
import { followUpCodec, followUpEventCodec } from '@shared/sync/entities';
import type { FieldMap } from '@shared/sync/fields';
import type { Queryable } from '../db/database';

/** What a log entry needs of a patron: the names, as the shared buildLogEntry takes them. */
export type PatronNames = Pick<Patron, 'title' | 'firstName' | 'lastName'>;

interface FieldsRow {
  id: string;
  fields: FieldMap;
  seq: string | number;
}

async function readFields(q: Queryable, entity: string, ids: readonly string[]): Promise<FieldsRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await q.query<FieldsRow>('SELECT id, fields, seq FROM sync_records WHERE entity = $1 AND id = ANY($2::text[]) AND NOT erased', [entity, [...new Set(ids)]]);
  return rows;
}

/**
 * Follow-up events by id, decoded by the shared codec, with their sync sequence numbers.
 * A record that does not decode is left out: the server validated it on push, so only a
 * record written by a newer server could fail, and the log must not stop for it.
 */
export async function readEvents(q: Queryable, ids: readonly string[]): Promise<Array<{ event: FollowUpEvent; seq: number }>> {
  const out: Array<{ event: FollowUpEvent; seq: number }> = [];
  for (const row of await readFields(q, 'followUpEvent', ids)) {
    const decoded = followUpEventCodec.fromFields(row.id, row.fields, {});
    if (decoded.ok) out.push({ event: decoded.record, seq: Number(row.seq) });
  }
  return out;
}

export async function readFollowUps(q: Queryable, ids: readonly string[]): Promise<Map<string, FollowUp>> {
  const out = new Map<string, FollowUp>();
  for (const { followUp } of await readFollowUpsWithSeq(q, ids)) out.set(followUp.id, followUp);
  return out;
}

/** Follow-ups by id with their sync sequence numbers (a follow-up's "created" entry is ordered by it). */
export async function readFollowUpsWithSeq(q: Queryable, ids: readonly string[]): Promise<Array<{ followUp: FollowUp; seq: number }>> {
  const out: Array<{ followUp: FollowUp; seq: number }> = [];
  for (const row of await readFields(q, 'followUp', ids)) {
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

export async function readPatronNames(q: Queryable, ids: readonly string[]): Promise<Map<string, PatronNames>> {
  const out = new Map<string, PatronNames>();
  for (const row of await readFields(q, 'patron', ids)) {
    const names = patronNamesOf(row.fields);
    if (names) out.set(row.id, names);
  }
  return out;
}
