import type { ClockMap } from '@shared/sync/fields';
import type { Hlc } from '@shared/sync/hlc';
import type { ClockGroups, SyncMeta } from './syncTables';

/** Groups a field-by-field clock map for storage (see ClockGroups in syncTables.ts). */
export function groupClocks(clocks: ClockMap): ClockGroups {
  const groups: Record<string, string[]> = {};
  // Fields written together come one after another with the same clock: comparing with the
  // last clock is cheaper than looking each ~35-character clock up as a key (a new desk groups
  // the clocks of every pulled record; bench/RESULTS.md §10).
  let lastClock: string | undefined;
  let lastGroup: string[] = [];
  for (const field of Object.keys(clocks)) {
    const hlc = clocks[field]!;
    if (hlc !== lastClock) {
      lastGroup = groups[hlc] ??= [];
      lastClock = hlc;
    }
    lastGroup.push(field);
  }
  return groups as ClockGroups;
}

/** A row's field clocks, whichever way the row stores them (rows written before schema v6 hold the map in `_clocks` until next written). */
export function clocksOf(stored: object | undefined): ClockMap {
  const row = stored as SyncMeta | undefined;
  if (!row) return {};
  if (row._clockGroups) {
    const clocks: ClockMap = {};
    for (const [hlc, fields] of Object.entries(row._clockGroups)) for (const f of fields) clocks[f] = hlc as Hlc;
    return clocks;
  }
  return { ...(row._clocks ?? {}) };
}

/** `row` (record and sync metadata) with its clocks replaced by `clocks`, stored grouped. */
export function withClocks<T extends object>(row: T, clocks: ClockMap): T {
  const { _clocks: _legacy, ...rest } = row as T & SyncMeta;
  return { ...rest, _clockGroups: groupClocks(clocks) } as T;
}
