import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
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

/** Rows stamped per call down when adding many: IndexedDB starts writing the first slice while the next is stamped. */
const ADD_SLICE = 500;

async function recordLocalWrite(
  down: DBCore,
  table: DBCoreTable,
  entity: EntityName,
  req: DBCoreMutateRequest,
  syncClock: SyncClock,
): Promise<DBCoreMutateResponse> {
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

  /** Stamps row i: the row to store, and its change for the outbox (none when nothing changed). */
  const stamp = (value: Record<string, unknown> & SyncMeta, i: number): { row: Record<string, unknown>; change?: OutboxChange } => {
    const old = before[i];
    const oldClocks = clocksOf(old);
    const extra = old?._extra ?? {};
    const oldFields: FieldMap | undefined = old ? { ...extra, ...codec.toFields(old as never) } : undefined;
    const { _clocks: _c, _clockGroups: _g, _extra: _e, ...record } = value;
    const newFields: FieldMap = { ...extra, ...codec.toFields(record as never) };
    const changed = changedFields(oldFields, newFields);
    const names = Object.keys(changed);
    const kept = old?._extra ? { _extra: old._extra } : {};
    if (names.length === 0) return { row: withClocks({ ...record, ...kept }, oldClocks) };
    // Later than what this desk holds for those fields, whatever its own clock says.
    let floor: Hlc | undefined;
    for (const f of names) {
      const c = oldClocks[f];
      if (c !== undefined && (floor === undefined || c > floor)) floor = c;
    }
    const hlc: Hlc = floor === undefined ? clock.tick() : clock.tickAfter(floor);
    const clocks = { ...oldClocks };
    for (const f of names) clocks[f] = hlc;
    const mutation: EditMutation = { id: newId(), kind: 'edit', entity, recordId: String(keys[i]), branchId: String(record.branchId), hlc, fields: changed };
    return { row: withClocks({ ...record, ...kept }, clocks), change: { patronId: codec.patronIdOf(record as never), mutation } };
  };

  // Puts (edits, Dexie's modify) go down as one request, as Dexie built it. Adds (a
  // campaign's thousands of follow-ups) go down in slices: IndexedDB writes each slice while
  // the next is stamped. Either way the outbox row is queued before they are answered; a row
  // that fails (an add over a taken key) writes nothing, so its change is then taken out again.
  const sliceSize = req.type === 'add' ? ADD_SLICE : req.values.length;
  const changes: Array<OutboxChange | undefined> = [];
  const slices: Array<Promise<DBCoreMutateResponse>> = [];
  const sizes: number[] = [];
  for (let from = 0; from < req.values.length; from += sliceSize) {
    const to = Math.min(from + sliceSize, req.values.length);
    const rows: Record<string, unknown>[] = [];
    for (let i = from; i < to; i += 1) {
      const { row, change } = stamp(req.values[i], i);
      rows.push(row);
      changes.push(change);
    }
    slices.push(table.mutate({ ...req, values: rows, ...(req.keys ? { keys: req.keys.slice(from, to) } : {}) }));
    sizes.push(to - from);
  }
  const queued = changes.filter((c): c is OutboxChange => c !== undefined);
  if (queued.length === 0) return mergeSlices(await inOrder(slices), sizes);
  const saving = SyncClock.save(down, req.trans, clock);
  const adding = down.table(OUTBOX).mutate({ trans: req.trans, type: 'add', values: [outboxRowOf(queued)] });
  // If one of these fails (an aborted transaction fails them all), the first failure is what
  // this write rejects with; the others are still awaited below or else were never needed,
  // and must not surface as unhandled rejections.
  for (const pending of [...slices, adding, saving]) pending.catch(() => undefined);
  const result = mergeSlices(await inOrder(slices), sizes);
  const added = await adding;
  if (added.numFailures > 0) throw added.failures[0];
  if (result.numFailures > 0) {
    const seq = added.results?.[0] as number;
    const written = changes.filter((c, i): c is OutboxChange => c !== undefined && !(i in result.failures));
    await (written.length > 0
      ? down.table(OUTBOX).mutate({ trans: req.trans, type: 'put', values: [{ ...outboxRowOf(written), seq }] })
      : down.table(OUTBOX).mutate({ trans: req.trans, type: 'delete', keys: [seq] }));
  }
  await saving;
  return result;
}

/**
 * The answers of requests sent down, awaited one by one. Only these (Dexie's own promises)
 * are awaited before the next call down: Dexie carries its transaction zone across awaits
 * of its own promises, not of Promise.all's or an async function's, and the layers below
 * (its hooks middleware) need that zone.
 */
async function inOrder(pending: ReadonlyArray<Promise<DBCoreMutateResponse>>): Promise<DBCoreMutateResponse[]> {
  const answers: DBCoreMutateResponse[] = [];
  for (const answer of pending) answers.push(await answer);
  return answers;
}

/** One answer for slices of `sizes` rows sent down in order: failures and results numbered as in the whole request. */
function mergeSlices(answers: readonly DBCoreMutateResponse[], sizes: readonly number[]): DBCoreMutateResponse {
  const failures: Record<number, Error> = {};
  const results: unknown[] = [];
  let numFailures = 0;
  let offset = 0;
  answers.forEach((answer, s) => {
    for (const [i, error] of Object.entries(answer.failures)) failures[offset + Number(i)] = error;
    for (let k = 0; k < sizes[s]!; k += 1) results[offset + k] = answer.results?.[k];
    numFailures += answer.numFailures;
    offset += sizes[s]!;
  });
  return { numFailures, failures, results, lastResult: answers[answers.length - 1]?.lastResult };
}
