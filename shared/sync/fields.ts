import type { Hlc } from './hlc';

/**
 * Records travel and merge as flat field maps: field name → JSON value, with the HLC of
 * the edit that last set each field. A field absent from a record is `null` (so clearing
 * an optional field, like undoing a delete, is an edit that syncs).
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type FieldMap = Record<string, Json>;
export type ClockMap = Record<string, Hlc>;

export interface FieldState {
  fields: FieldMap;
  clocks: ClockMap;
}

/**
 * How concurrent edits of a field resolve. `lww`: the later HLC wins. `max`: the larger
 * value wins whatever its HLC (a last-contact time only moves forward: a note written
 * offline yesterday must not pull it back behind today's call). Both are commutative,
 * associative and idempotent, which is what makes every replica converge.
 */
export type MergePolicy = 'lww' | 'max';

/** Applies one edit (fields stamped with one HLC) to a state; returns the fields that changed. */
export function applyEdit(
  state: FieldState,
  edit: { fields: FieldMap; hlc: Hlc },
  policyOf: (field: string) => MergePolicy = () => 'lww',
): string[] {
  const clocks: ClockMap = {};
  for (const f of Object.keys(edit.fields)) clocks[f] = edit.hlc;
  return mergeState(state, { fields: edit.fields, clocks }, policyOf);
}

/** Merges another replica's state of the same record into `state`, in place; returns the fields that changed. */
export function mergeState(state: FieldState, incoming: FieldState, policyOf: (field: string) => MergePolicy = () => 'lww'): string[] {
  const changed: string[] = [];
  for (const [field, value] of Object.entries(incoming.fields)) {
    const theirs = incoming.clocks[field];
    if (theirs === undefined) continue; // a value without a clock cannot be ordered: ignore it
    const ours = state.clocks[field];
    const hasOurs = Object.prototype.hasOwnProperty.call(state.fields, field);
    if (policyOf(field) === 'max' && hasOurs && typeof value === 'number' && typeof state.fields[field] === 'number') {
      const mine = state.fields[field] as number;
      if (value > mine || (value === mine && ours !== undefined && theirs > ours)) {
        state.fields[field] = value;
        state.clocks[field] = theirs;
        if (value !== mine) changed.push(field);
      }
      continue;
    }
    if (ours === undefined || theirs > ours) {
      const differs = !hasOurs || !sameJson(state.fields[field]!, value);
      state.fields[field] = value;
      state.clocks[field] = theirs;
      if (differs) changed.push(field);
    }
  }
  return changed;
}

/** Structural equality of JSON values (key order ignored). */
export function sameJson(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as Json[];
    return a.length === bb.length && a.every((x, i) => sameJson(x, bb[i]!));
  }
  const ka = Object.keys(a);
  const bo = b as Record<string, Json>;
  return ka.length === Object.keys(bo).length && ka.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && sameJson(a[k]!, bo[k]!));
}

/** The fields whose values differ between two maps (present in either). */
export function changedFields(before: FieldMap | undefined, after: FieldMap): FieldMap {
  const out: FieldMap = {};
  for (const [k, v] of Object.entries(after)) if (!before || !Object.prototype.hasOwnProperty.call(before, k) || !sameJson(before[k]!, v)) out[k] = v;
  if (before) for (const k of Object.keys(before)) if (!Object.prototype.hasOwnProperty.call(after, k)) out[k] = null;
  return out;
}
