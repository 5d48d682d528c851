import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { codecOf, type EntityName } from '@shared/sync/entities';
import { changedFields, type FieldMap } from '@shared/sync/fields';
import type { Hlc } from '@shared/sync/hlc';
import type { EditMutation } from '@shared/sync/protocol';
import { newId } from '../db/ids';
import { SyncClock } from './syncClock';
import { outboxRowOf } from './outboxRows';
import { OUTBOX, SYNC_STATE, SYNCED_TABLES, type OutboxChange, type SyncMeta } from './syncTables';
import { clocksOf, withClocks } from './rowClocks';

/**
 * Makes every local write to a synced table record what changed, in the same IndexedDB
 * transaction (ARCHITECTURE §4.1: nothing typed is lost to a crash between the two).
 *
 * It sits in Dexie's DBCore stack, so repositories write records as they always have. For
 * each row put, it compares the stored row's fields with the new ones (entity codecs in
 * shared/sync), stamps the changed fields with one HLC per row, keeps the clocks on the row,
 * and appends the write's edit mutations to the outbox as one row (one row per write, not per
 * record: a campaign's thousands of follow-ups are one outbox request, not thousands). Adds
 * skip the read: nothing is stored under a new record's id (if something is, the add fails
 * and records no change). Writes of pulled records go through
 * transactions that name the `syncState` table (they save the cursor with the page): those
 * pass untouched. Hard deletes of synced rows are refused: records are soft-deleted, and
 * erasure has its own path.
 */
const remoteTransactions = new WeakSet<DBCoreTransaction>();

export function outboxMiddleware(clock: SyncClock): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'desk-outbox',
    create(down) {
      return {
        ...down,
        transaction(stores, mode, txOptions) {
          const touchesSynced = stores.some((s) => s in SYNCED_TABLES);
          if (mode !== 'readwrite' || !touchesSynced) return down.transaction(stores, mode, txOptions);
          if (stores.includes(SYNC_STATE)) {
            const trans = down.transaction(stores, mode, txOptions);
            remoteTransactions.add(trans);
            return trans;
          }
          return down.transaction([...new Set([...stores, OUTBOX, SYNC_STATE, 'meta'])], mode, txOptions);
        },
        table(name) {
          const table = down.table(name);
          const entity = SYNCED_TABLES[name];
          if (!entity) return table;
          return {
            ...table,
            async mutate(req) {
              // Pulled records, and schema upgrades (which rewrite derived data, not anyone's edit), pass as they are.
              if (remoteTransactions.has(req.trans) || isUpgrade(req.trans)) return table.mutate(req);
              return recordLocalWrite(down, table, entity, req, clock);
            },
          };
        },
      };
    },
  };
}

function isUpgrade(trans: DBCoreTransaction): boolean {
  return (trans as unknown as { mode?: string }).mode === 'versionchange';
}

async function recordLocalWrite(
  down: DBCore,
  table: DBCoreTable,
  entity: EntityName,
  req: DBCoreMutateRequest,
  syncClock: SyncClock,
) {
  if (req.type === 'delete' || req.type === 'deleteRange') {
    throw new Error(`Synced ${table.name} are never deleted outright: mark them deleted, or erase the patron`);
  }
  // Dexie's modify() sends the changed rows as values (criteria only describe them); none changed, nothing to do.
  if (req.values.length === 0) return table.mutate(req);
  const codec = codecOf(entity);
  const keys = req.keys ?? req.values.map((v: { id: string }) => v.id);
  type Stored = (SyncMeta & Record<string, unknown>) | undefined;
  const before: Stored[] = req.type === 'add' ? [] : ((await table.getMany({ trans: req.trans, keys })) as Stored[]);
  const clock = await syncClock.load(down, req.trans);

  const outbox: OutboxChange[] = [];
  const outboxIndex = new Map<OutboxChange, number>();
  const values = req.values.map((value: Record<string, unknown> & SyncMeta, i: number) => {
    const old = before[i];
    const oldClocks = clocksOf(old);
    const extra = old?._extra ?? {};
    const oldFields: FieldMap | undefined = old ? { ...extra, ...codec.toFields(old as never) } : undefined;
    const { _clocks: _c, _clockGroups: _g, _extra: _e, ...record } = value;
    const newFields: FieldMap = { ...extra, ...codec.toFields(record as never) };
    const changed = changedFields(oldFields, newFields);
    const names = Object.keys(changed);
    if (names.length === 0) return withClocks({ ...record, ...(old?._extra ? { _extra: old._extra } : {}) }, oldClocks);
    // Later than what this desk holds for those fields, whatever its own clock says.
    let floor: Hlc | undefined;
    for (const f of names) {
      const c = oldClocks[f];
      if (c !== undefined && (floor === undefined || c > floor)) floor = c;
    }
    const hlc: Hlc = floor === undefined ? clock.tick() : clock.tickAfter(floor);
    const clocks = { ...oldClocks };
    for (const f of names) clocks[f] = hlc;
    const mutation: EditMutation = {
      id: newId(),
      kind: 'edit',
      entity,
      recordId: String(keys[i]),
      branchId: String(record.branchId),
      hlc,
      fields: changed,
    };
    const change: OutboxChange = { patronId: codec.patronIdOf(record as never), mutation };
    outbox.push(change);
    outboxIndex.set(change, i);
    return withClocks({ ...record, ...(old?._extra ? { _extra: old._extra } : {}) }, clocks);
  });

  const result = await table.mutate({ ...req, values });
  // A row that failed (an add over an existing key) was not written, so neither is its change.
  const written = outbox.filter((change) => !(outboxIndex.get(change)! in result.failures));
  if (written.length > 0) {
    await down.table(OUTBOX).mutate({ trans: req.trans, type: 'add', values: [outboxRowOf(written)] });
    await SyncClock.save(down, req.trans, clock);
  }
  return result;
}
