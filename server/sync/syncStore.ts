import type { EntityName } from '@shared/sync/entities';
import type { ClockMap, FieldMap } from '@shared/sync/fields';
import type { Mutation, PushResult } from '@shared/sync/protocol';
import type { Queryable, Transaction } from '../db/database';
import { projectLog } from '../log/logProjection';
import { recordKey, type RecordsAtHand } from '../log/logRecords';
import { decideMutation } from './decideMutation';
import type { StaffScope, StoredRecord } from './storedRecord';

/**
 * The sync tables (migration 0002). Pushes serialise on one advisory lock for the length of
 * their transaction, so sequence numbers become visible in the order they were taken: a
 * desk that pulled up to seq N can never later find a record committed with a seq below N.
 */
const PUSH_LOCK_KEY = 4_217_800_931;
export const POKE_CHANNEL = 'desk_sync';

interface RecordRow {
  entity: EntityName;
  id: string;
  branch_id: string;
  patron_id: string;
  fields: FieldMap;
  clocks: ClockMap;
  erased: boolean;
  seq: string | number;
}

const toStored = (r: RecordRow): StoredRecord => ({
  entity: r.entity, id: r.id, branchId: r.branch_id, patronId: r.patron_id, fields: r.fields, clocks: r.clocks, erased: r.erased,
});

/** One desk's push: its changes, and who sent them. */
export interface PushBatch {
  scope: StaffScope;
  deskId: string;
  mutations: readonly Mutation[];
}

/** What one batch of a group got: a verdict per change, and the highest seq among its own. */
export interface BatchOutcome {
  results: PushResult[];
  lastSeq: number | undefined;
}

export interface GroupOutcome {
  /** In the order of the batches given. */
  batches: BatchOutcome[];
  /** Branches with new changes, for the live pokes. */
  touchedBranches: string[];
  lastSeq: number | undefined;
}

/**
 * Applies batches in the caller's transaction, in order, as if each had been applied alone one
 * after the other (pushCommitter.ts groups the pushes that arrive while one commits). Every
 * change gets its own verdict; the group's reads and writes are a fixed number of statements
 * however many batches it holds, which is what lets one lock hold and one commit serve many.
 */
export async function applyBatches(tx: Transaction, batches: readonly PushBatch[], serverNow: number): Promise<GroupOutcome> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [PUSH_LOCK_KEY]);
  const all = batches.flatMap((b) => b.mutations);

  // Changes applied before (a batch resent after its answer was lost) are answered "duplicate".
  const known = new Set<string>();
  const seen = await tx.query<{ id: string }>('SELECT id FROM sync_mutations WHERE id = ANY($1::uuid[])', [all.map((m) => m.id)]);
  for (const row of seen.rows) known.add(row.id);

  // Every record the group touches, and the patrons of child records, in two reads.
  const records = new Map<string, StoredRecord>();
  const loadedSeq = new Map<string, number>();
  const load = async (entities: string[], ids: string[]) => {
    if (ids.length === 0) return;
    const found = await tx.query<RecordRow>(
      `SELECT r.entity, r.id, r.branch_id, r.patron_id, r.fields, r.clocks, r.erased, r.seq
         FROM sync_records r JOIN unnest($1::text[], $2::text[]) AS k(entity, id) USING (entity, id)`,
      [entities, ids],
    );
    for (const row of found.rows) {
      records.set(recordKey(row.entity, row.id), toStored(row));
      loadedSeq.set(recordKey(row.entity, row.id), Number(row.seq));
    }
  };
  await load(all.map((m) => m.entity), all.map((m) => m.recordId));
  const patronIds = new Set<string>();
  for (const m of all) {
    if (m.entity === 'patron') continue;
    const existing = records.get(recordKey(m.entity, m.recordId));
    const pid = existing?.patronId ?? (m.kind === 'edit' ? m.fields.patronId : undefined);
    if (typeof pid === 'string' && !records.has(recordKey('patron', pid))) patronIds.add(pid);
  }
  await load([...patronIds].map(() => 'patron'), [...patronIds]);

  const verdicts = batches.map(() => [] as PushResult[]);
  const dirty = new Map<string, StoredRecord>();
  const erasures: Array<{ patronId: string; branchId: string }> = [];
  // The applied changes, with the record each wrote (its seq is known only at the end).
  const logged: Array<{ id: string; key: string | undefined; batch: PushBatch }> = [];

  batches.forEach((batch, b) => {
    const results = verdicts[b]!;
    for (const m of batch.mutations) {
      if (known.has(m.id)) {
        results.push({ mutationId: m.id, status: 'duplicate' });
        continue;
      }
      const existing = records.get(recordKey(m.entity, m.recordId));
      const patronId = m.entity === 'patron' ? m.recordId : (existing?.patronId ?? (m.kind === 'edit' ? m.fields.patronId : undefined));
      const patron = typeof patronId === 'string' ? records.get(recordKey('patron', patronId)) : undefined;
      const decision = decideMutation(m, { scope: batch.scope, serverNow, existing, patron });
      if (decision.kind === 'reject') {
        // Refusals are not recorded: a refused batch leaves the database as it was, and a resent
        // refused change is simply decided again.
        results.push({ mutationId: m.id, status: 'rejected', code: decision.code, reason: decision.reason, ...(decision.issues ? { issues: decision.issues } : {}) });
        continue;
      }
      if (decision.kind === 'erase') {
        const tombstone: StoredRecord = { entity: 'patron', id: decision.patronId, branchId: decision.branchId, patronId: decision.patronId, fields: {}, clocks: {}, erased: true };
        records.set(recordKey('patron', decision.patronId), tombstone);
        for (const [k, r] of records) if (r.patronId === decision.patronId && r.entity !== 'patron') records.delete(k);
        for (const [k, r] of dirty) if (r.patronId === decision.patronId) dirty.delete(k);
        dirty.set(recordKey('patron', decision.patronId), tombstone);
        erasures.push(decision);
        known.add(m.id);
        results.push({ mutationId: m.id, status: 'applied', seq: 0 });
        logged.push({ id: m.id, key: recordKey('patron', decision.patronId), batch });
        continue;
      }
      const key = recordKey(m.entity, m.recordId);
      if (decision.changed) {
        records.set(key, decision.record);
        dirty.set(key, decision.record);
      }
      known.add(m.id);
      results.push({ mutationId: m.id, status: 'applied', seq: 0 });
      // A change that lost on every field wrote nothing: seq 0, as it would have got alone,
      // even if a later batch of the group writes the same record.
      logged.push({ id: m.id, key: decision.changed ? key : undefined, batch });
    }
  });

  for (const e of erasures) {
    await tx.query(`DELETE FROM sync_records WHERE patron_id = $1 AND entity <> 'patron'`, [e.patronId]);
  }
  // Sequence numbers in write order, taken under the lock.
  const seqs = new Map<string, number>();
  if (dirty.size > 0) {
    const taken = await tx.query<{ seq: string }>('SELECT nextval(\'sync_seq\') AS seq FROM generate_series(1, $1::int)', [dirty.size]);
    [...dirty.keys()].forEach((k, i) => seqs.set(k, Number(taken.rows[i]!.seq)));
    const rows = [...dirty.entries()].map(([k, r]) => ({
      entity: r.entity, id: r.id, branch_id: r.branchId, patron_id: r.patronId, fields: r.fields, clocks: r.clocks, erased: r.erased, seq: seqs.get(k),
    }));
    await tx.query(
      `INSERT INTO sync_records (entity, id, branch_id, patron_id, fields, clocks, erased, seq)
       SELECT entity, id, branch_id, patron_id, fields, clocks, erased, seq
         FROM jsonb_to_recordset($1::jsonb) AS x(entity text, id text, branch_id text, patron_id text, fields jsonb, clocks jsonb, erased boolean, seq bigint)
       ON CONFLICT (entity, id) DO UPDATE SET branch_id = EXCLUDED.branch_id, patron_id = EXCLUDED.patron_id, fields = EXCLUDED.fields,
         clocks = EXCLUDED.clocks, erased = EXCLUDED.erased, seq = EXCLUDED.seq, updated_at = now()`,
      [JSON.stringify(rows)],
    );
  }
  // The managers' log follows the records it reflects, in this same transaction.
  // What the group holds as it now stands: read under the lock, then merged and written.
  const atHand = new Map<string, { fields: FieldMap; seq: number; erased: boolean }>();
  for (const [k, r] of records) {
    const seq = seqs.get(k) ?? loadedSeq.get(k);
    if (seq !== undefined) atHand.set(k, { fields: r.fields, seq, erased: r.erased });
  }
  await projectLog(tx, [...dirty.values()], erasures.map((e) => e.patronId), atHand satisfies RecordsAtHand);
  const seqOfChange = new Map(logged.map((l) => [l.id, l.key === undefined ? undefined : seqs.get(l.key)]));
  const outcomes = verdicts.map((results): BatchOutcome => {
    let lastSeq: number | undefined;
    for (const r of results) {
      if (r.status !== 'applied') continue;
      r.seq = seqOfChange.get(r.mutationId) ?? 0;
      if (r.seq > 0) lastSeq = Math.max(lastSeq ?? 0, r.seq);
    }
    return { results, lastSeq };
  });
  if (logged.length > 0) {
    const rows = logged.map((l) => ({ id: l.id, staff_id: l.batch.scope.staffId, desk_id: l.batch.deskId, seq: (l.key === undefined ? undefined : seqs.get(l.key)) ?? null }));
    await tx.query(
      `INSERT INTO sync_mutations (id, staff_id, desk_id, seq)
       SELECT id, staff_id, desk_id, seq FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, staff_id uuid, desk_id text, seq bigint)`,
      [JSON.stringify(rows)],
    );
  }
  const touched = new Set([...dirty.values()].map((r) => r.branchId));
  let lastSeq: number | undefined;
  for (const seq of seqs.values()) lastSeq = Math.max(lastSeq ?? 0, seq);
  return { batches: outcomes, touchedBranches: [...touched], lastSeq };
}

/**
 * One pull page with the position it was read at, from one statement (one snapshot): the
 * records come as the JSON text of PulledRecord[], built by PostgreSQL from the stored jsonb,
 * so the server neither parses the stored fields nor serialises them again for every desk
 * that pulls them (bench/RESULTS.md §9: parsing rows and serialising replies was most of the
 * server's own CPU under 200 desks).
 */
export interface PullPage {
  /** `PulledRecord[]` as JSON text. */
  recordsJson: string;
  lastSeq: number;
  more: boolean;
  total?: number;
  /** This database's epoch and the highest sequence number given out, in the page's snapshot. */
  epoch: string;
  maxSeq: number;
}

interface PullRow {
  epoch: string;
  max_seq: string | null;
  fetched: string;
  last_seq: string | null;
  records: string | null;
  total: string | null;
}

/**
 * The records after a seq, oldest change first: an admin's from the seq index; anyone else's
 * branch by branch from the (branch_id, seq) index, each stopping at the page size, so a desk
 * reads only its own branches' changes rather than every branch's since its cursor (under 200
 * desks in 20 branches that was 20 rows read for each one sent).
 */
const PAGE_OF_ALL = `SELECT entity, id, branch_id, patron_id, fields, clocks, erased, seq FROM sync_records
  WHERE seq > $1 ORDER BY seq LIMIT $2::int + 1`;
const PAGE_OF_BRANCHES = `SELECT r.* FROM unnest($4::text[]) AS b(branch_id) CROSS JOIN LATERAL (
    SELECT entity, id, branch_id, patron_id, fields, clocks, erased, seq FROM sync_records
     WHERE branch_id = b.branch_id AND seq > $1 ORDER BY branch_id, seq LIMIT $2::int + 1) AS r
  ORDER BY r.seq LIMIT $2::int + 1`;

/** Records changed after `afterSeq` in the staff member's branches, oldest change first. */
export async function readChanges(db: Queryable, scope: StaffScope, afterSeq: number, limit: number, withTotal: boolean): Promise<PullPage> {
  const all = scope.role === 'admin';
  const { rows } = await db.query<PullRow>(
    `WITH page AS (${all ? PAGE_OF_ALL : PAGE_OF_BRANCHES}),
     kept AS (SELECT * FROM page ORDER BY seq LIMIT $2::int)
     SELECT (SELECT epoch FROM sync_epoch) AS epoch,
            (SELECT max(seq) FROM sync_records) AS max_seq,
            (SELECT count(*) FROM page) AS fetched,
            (SELECT max(seq) FROM kept) AS last_seq,
            (SELECT json_agg(json_build_object('entity', entity, 'id', id, 'branchId', branch_id, 'patronId', patron_id,
                                               'fields', fields, 'clocks', clocks, 'erased', erased) ORDER BY seq) FROM kept)::text AS records,
            CASE WHEN $3::boolean THEN (SELECT count(*) FROM sync_records WHERE ${all ? 'true' : 'branch_id = ANY($4::text[])'}) END AS total`,
    // Only the branch query names the branches ($4): PostgreSQL refuses a parameter it cannot type.
    all ? [afterSeq, limit, withTotal] : [afterSeq, limit, withTotal, scope.branchIds],
  );
  const row = rows[0]!;
  const fetched = Number(row.fetched);
  return {
    recordsJson: row.records ?? '[]',
    lastSeq: row.last_seq === null ? afterSeq : Number(row.last_seq),
    more: fetched > limit,
    ...(row.total === null ? {} : { total: Number(row.total) }),
    epoch: row.epoch,
    maxSeq: Number(row.max_seq ?? 0),
  };
}

/** This database's epoch and the highest sequence number given out so far. */
export async function syncPosition(db: Queryable): Promise<{ epoch: string; maxSeq: number }> {
  const r = await db.query<{ epoch: string; max: string | null }>('SELECT (SELECT epoch FROM sync_epoch) AS epoch, (SELECT max(seq) FROM sync_records) AS max');
  return { epoch: r.rows[0]!.epoch, maxSeq: Number(r.rows[0]!.max ?? 0) };
}
