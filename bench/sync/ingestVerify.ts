import type { Database } from '../../server/db/database';
import { ENTITY_NAMES, type EntityName } from '../../shared/sync/entities';

/**
 * After the run: does the server hold exactly what the desks were told was applied? Every
 * record created once (none lost, none twice), every applied change recorded once, the
 * managers' log with one entry per follow-up and per event, and every desk's pull cursor at
 * the end of its branch.
 */
export interface Expected {
  records: Record<EntityName, number>;
  mutations: number;
  /** Each desk's branch and the sequence number its last pull ended at. */
  cursors: Array<{ deskId: string; branchId: string; startSeq: number; endSeq: number }>;
}

export interface Verdict {
  ok: boolean;
  problems: string[];
  held: Record<string, number>;
}

export async function verifyServer(db: Database, expected: Expected): Promise<Verdict> {
  const problems: string[] = [];
  const held: Record<string, number> = {};
  const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0]!.n);

  const byEntity = new Map((await db.query<{ entity: string; n: string }>('SELECT entity, count(*) AS n FROM sync_records GROUP BY entity')).rows.map((r) => [r.entity, Number(r.n)]));
  for (const entity of ENTITY_NAMES) {
    held[entity] = byEntity.get(entity) ?? 0;
    if (held[entity] !== expected.records[entity]) problems.push(`${entity}: the server holds ${held[entity]}, the desks created ${expected.records[entity]}`);
  }
  held.mutations = await count('SELECT count(*) AS n FROM sync_mutations');
  if (held.mutations !== expected.mutations) problems.push(`sync_mutations: ${held.mutations} recorded, ${expected.mutations} answered "applied"`);

  // The desks send no "created" events: each follow-up is its own created entry (docs/sync-protocol.md).
  held.logEntries = await count('SELECT count(*) AS n FROM log_entries');
  const wantEntries = expected.records.followUp + expected.records.followUpEvent;
  if (held.logEntries !== wantEntries) problems.push(`log_entries: ${held.logEntries}, expected ${wantEntries} (follow-ups + events)`);
  held.logFollowUps = await count('SELECT count(*) AS n FROM log_follow_ups');
  if (held.logFollowUps !== expected.records.followUp) problems.push(`log_follow_ups: ${held.logFollowUps}, expected ${expected.records.followUp}`);

  const branchEnd = new Map((await db.query<{ branch_id: string; max: string }>('SELECT branch_id, max(seq) AS max FROM sync_records GROUP BY branch_id')).rows.map((r) => [r.branch_id, Number(r.max)]));
  for (const c of expected.cursors) {
    const want = Math.max(c.startSeq, branchEnd.get(c.branchId) ?? 0);
    if (c.endSeq !== want) problems.push(`${c.deskId}: its last pull ended at seq ${c.endSeq}, its branch's last change is ${want}`);
  }
  return { ok: problems.length === 0, problems, held };
}
