import { foldFollowUp, pendingDueAtOf } from '@shared/followups/foldFollowUp';
import type { FollowUp } from '@shared/followups/followUp';
import type { FollowUpEvent } from '@shared/followups/followUpEvents';
import { codecOf } from '@shared/sync/entities';
import { mergeState, type FieldMap } from '@shared/sync/fields';
import { hlcWall, isHlc, MAX_DRIFT_MS, type Hlc } from '@shared/sync/hlc';
import type { PulledRecord, PullResponse } from '@shared/sync/protocol';
import type { DeskDb } from '../db/deskDb';
import { eraseLocally } from './eraseLocally';
import type { SyncMeta } from './syncTables';
import { clocksOf, withClocks } from './rowClocks';

export interface PulledPageSummary {
  /** Records whose local copy changed. */
  changed: number;
  /** Patrons erased here because the server erased them. */
  erased: string[];
  /** Records this build cannot read (written by a newer desk with values it does not know); left as they were. */
  unreadable: number;
}

/**
 * Applies one pulled page and saves its cursor in the same transaction (ARCHITECTURE §4.4):
 * a desk that crashes mid-way pulls the page again, and merging it twice changes nothing.
 *
 * Each record merges field by field with the local copy by clock (the same rule the server
 * used), so local edits not yet pushed survive, and fields this build does not know are kept
 * on the row. Follow-ups whose log grew get their due time refolded; an erased patron takes
 * every record and unsent change about them along.
 */
export async function applyPulledPage(db: DeskDb, page: PullResponse, now: number): Promise<PulledPageSummary> {
  const summary: PulledPageSummary = { changed: 0, erased: [], unreadable: 0 };
  const tables = [db.patrons, db.notes, db.requests, db.followUps, db.followUpEvents, db.outbox, db.syncRejected, db.syncState];
  await db.transaction('rw', tables, async () => {
    let latest: Hlc | undefined;
    const refold = new Set<string>();
    for (const record of page.records) {
      if (record.erased) {
        await eraseLocally(db, record.id);
        summary.erased.push(record.id);
        continue;
      }
      const result = await mergeRecord(db, record);
      if (result === 'unreadable') summary.unreadable++;
      else if (result === 'changed') {
        summary.changed++;
        if (record.entity === 'followUp') refold.add(record.id);
        if (record.entity === 'followUpEvent' && typeof record.fields.followUpId === 'string') refold.add(record.fields.followUpId);
      }
      for (const clock of Object.values(record.clocks)) if (isHlc(clock) && (!latest || clock > latest)) latest = clock;
    }
    for (const id of refold) await refoldFollowUp(db, id);
    await db.syncState.put({ key: 'cursor', value: page.cursor });
    // The next local edit must order after everything seen, unless it came from a clock far ahead.
    if (latest && hlcWall(latest) <= now + MAX_DRIFT_MS) {
      const saved = await db.syncState.get('hlc');
      if (!isHlc(saved?.value) || latest > saved.value) await db.syncState.put({ key: 'hlc', value: latest });
    }
  });
  return summary;
}

type Row = Record<string, unknown> & SyncMeta;

async function mergeRecord(db: DeskDb, pulled: PulledRecord): Promise<'changed' | 'same' | 'unreadable'> {
  const codec = codecOf(pulled.entity);
  const table = db.table<Row, string>(codec.table);
  const local = await table.get(pulled.id);
  const state = local
    ? { fields: { ...(local._extra ?? {}), ...codec.toFields(local as never) }, clocks: clocksOf(local) }
    : { fields: {}, clocks: {} };
  const changed = mergeState(state, { fields: pulled.fields, clocks: pulled.clocks }, codec.policyOf);
  const localClocks = clocksOf(local);
  const clocksMoved = !local || Object.keys(pulled.clocks).some((f) => localClocks[f] !== state.clocks[f]);
  if (changed.length === 0 && !clocksMoved) return 'same';
  const built = codec.fromFields(pulled.id, state.fields, state.clocks);
  if (!built.ok) return 'unreadable';
  const known = codec.toFields(built.record);
  const extra: FieldMap = {};
  for (const [k, v] of Object.entries(state.fields)) if (!(k in known)) extra[k] = v;
  // Derived properties stay as this desk computed them (a follow-up's due time is refolded below).
  const derived = codec.table === 'followUps' && local?.pendingDueAt !== undefined ? { pendingDueAt: local.pendingDueAt } : {};
  await table.put(withClocks({ ...built.record, ...derived, ...(Object.keys(extra).length ? { _extra: extra } : {}) }, state.clocks));
  return changed.length > 0 || !local ? 'changed' : 'same';
}

/** Recomputes a follow-up's due time from its whole log, as recordFollowUpEvent does for local events. */
async function refoldFollowUp(db: DeskDb, followUpId: string): Promise<void> {
  const followUp = (await db.followUps.get(followUpId)) as (FollowUp & SyncMeta) | undefined;
  if (!followUp) return; // its events arrived first; the follow-up itself refolds when it comes
  const events: FollowUpEvent[] = await db.followUpEvents.where('followUpId').equals(followUpId).toArray();
  const pending = pendingDueAtOf(foldFollowUp(followUp, events));
  if (pending === followUp.pendingDueAt) return;
  const { pendingDueAt: _old, ...rest } = followUp;
  await db.followUps.put(pending === undefined ? rest : { ...rest, pendingDueAt: pending });
}
