import { codecOf, type EntityCodec, type SyncedRecord } from '@shared/sync/entities';
import { mergeState, type ClockMap, type FieldMap } from '@shared/sync/fields';
import type { PulledRecord } from '@shared/sync/protocol';
import type { SyncMeta } from './syncTables';
import { clocksOf, withClocks } from './rowClocks';

/** A synced table's stored row: the record and its sync metadata. */
export type Row = Record<string, unknown> & SyncMeta;

/** What merging a pulled record into the local copy gives: nothing to store, nothing readable, or the row to store. */
export type MergedRow = 'same' | 'unreadable' | { row: Row; changed: boolean };

/**
 * The row a desk stores for a pulled record it does not hold (before its follow-up due time is
 * folded in), or undefined when this build cannot read the record.
 */
export function newRowOf(pulled: PulledRecord): Row | undefined {
  const built = rowOf(codecOf(pulled.entity), pulled.id, { ...pulled.fields }, { ...pulled.clocks }, undefined, true);
  return built === 'unreadable' ? undefined : built.row;
}

/** Merges a pulled record field by field with the stored row by clock (the rule the server used). */
export function mergeRecord(pulled: PulledRecord, local: Row | undefined): MergedRow {
  if (!local) {
    const row = newRowOf(pulled);
    return row ? { row, changed: true } : 'unreadable';
  }
  const codec = codecOf(pulled.entity);
  const state = { fields: { ...(local._extra ?? {}), ...codec.toFields(local as never) }, clocks: clocksOf(local) };
  const changed = mergeState(state, { fields: pulled.fields, clocks: pulled.clocks }, codec.policyOf);
  const localClocks = clocksOf(local);
  const clocksMoved = Object.keys(pulled.clocks).some((f) => localClocks[f] !== state.clocks[f]);
  if (changed.length === 0 && !clocksMoved) return 'same';
  return rowOf(codec, pulled.id, state.fields, state.clocks, local, changed.length > 0);
}

/** The stored row for merged fields: the record, its clocks, and the fields this build does not know. */
function rowOf(codec: EntityCodec<SyncedRecord>, id: string, fields: FieldMap, clocks: ClockMap, local: Row | undefined, changed: boolean): 'unreadable' | { row: Row; changed: boolean } {
  const built = codec.fromFields(id, fields, clocks);
  if (!built.ok) return 'unreadable';
  const known = new Set(codec.fieldNamesOf(built.record));
  let extra: FieldMap | undefined;
  for (const [k, v] of Object.entries(fields)) if (!known.has(k)) (extra ??= {})[k] = v;
  // Derived properties stay as this desk computed them until refolded (a follow-up's due time).
  const derived = codec.table === 'followUps' && local?.pendingDueAt !== undefined ? { pendingDueAt: local.pendingDueAt } : {};
  return { row: withClocks({ ...built.record, ...derived, ...(extra ? { _extra: extra } : {}) }, clocks) as Row, changed };
}
