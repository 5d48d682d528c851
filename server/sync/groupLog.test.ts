import { beforeEach, expect, it } from 'vitest';
import { formatHlc } from '@shared/sync/hlc';
import type { Mutation } from '@shared/sync/protocol';
import { event, followUp, patron, pushEvent, pushFollowUp, pushNote, pushPatron } from '../test/logFixtures';
import { freshSyncDesk } from '../test/syncDesk';
import { describeEachDatabase } from '../test/testDatabases';
import { PushCommitter } from './pushCommitter';
import type { BatchOutcome, PushBatch } from './syncStore';
import type { StaffScope } from './storedRecord';

/**
 * A push group (pushCommitter.ts) must leave the records, the applied-change ids with their
 * seqs, and the managers' log exactly as the same batches applied one after another would.
 * The log projection of a group reads the records the group already holds rather than the
 * database (logRecords.ts RecordsAtHand), so these scenarios mix follow-ups, events and
 * renames across batches, including records the group did not write.
 */
describeEachDatabase('push groups and the managers\' log', (database) => {
  let desk: StaffScope;
  let branch: string;

  beforeEach(async () => {
    ({ branch, desk } = await freshSyncDesk(database));
  });

  const snapshot = async () => ({
    records: (await database.db.query('SELECT entity, id, branch_id, patron_id, fields, clocks, erased FROM sync_records ORDER BY entity, id')).rows,
    // The sequence is not reset between the two runs, and a group numbers a record it writes
    // twice once: entries are compared by the order of their seqs.
    entries: (await database.db.query('SELECT *, dense_rank() OVER (ORDER BY seq) AS seq FROM log_entries ORDER BY event_id')).rows,
    followUps: (await database.db.query('SELECT * FROM log_follow_ups ORDER BY follow_up_id')).rows,
  });
  /** Seqs differ between a group and one-by-one only in numbering: compare their order and which are empty. */
  const seqShape = (outcomes: BatchOutcome[]) => outcomes.map((o) => o.results.map((r) => (r.status === 'applied' ? (r.seq === 0 ? 'none' : 'some') : r.status)));
  const mutationSeqs = async () =>
    (await database.db.query<{ id: string; has_seq: boolean }>('SELECT id, seq IS NOT NULL AS has_seq FROM sync_mutations ORDER BY id')).rows;

  async function groupedThenAlone(setup: Mutation[], batches: PushBatch[]) {
    const committer = new PushCommitter(database.db);
    await committer.push({ scope: desk, deskId: 'setup', mutations: setup });
    // The first push of a burst commits alone; those sent while it commits form one group.
    const lead: PushBatch = { scope: desk, deskId: 'lead', mutations: [pushNote('lead', 'p1', branch, Date.now())] };
    const grouped = (await Promise.all([lead, ...batches].map((b) => committer.push(b)))).slice(1);
    const afterGroup = { ...(await snapshot()), mutations: await mutationSeqs() };

    await database.reset();
    await database.db.query('INSERT INTO sync_epoch DEFAULT VALUES ON CONFLICT DO NOTHING');
    const alone = new PushCommitter(database.db);
    await alone.push({ scope: desk, deskId: 'setup', mutations: setup });
    await alone.push(lead);
    const sequential: BatchOutcome[] = [];
    for (const b of batches) sequential.push(await alone.push(b));
    return { grouped, sequential, afterGroup, afterAlone: { ...(await snapshot()), mutations: await mutationSeqs() } };
  }

  it('logs events, follow-ups and renames spread over a group as it would one batch at a time', async () => {
    const p1 = patron('p1', branch, { firstName: 'Iris', lastName: 'Vale' });
    const f1 = followUp('f1', 'p1', branch);
    // Stored before the group: the patron and a follow-up with one attempt.
    const setup = [pushPatron(p1), pushFollowUp(f1), pushEvent(event('e0', f1, { type: 'attempted', outcome: 'no-answer', comment: '' } as never))];
    const f2 = followUp('f2', 'p1', branch, { channel: 'email' });
    const batches: PushBatch[] = [
      // An event for a follow-up the group never loads itself, then the patron renamed.
      { scope: desk, deskId: 'd1', mutations: [pushEvent(event('e1', f1, { type: 'attempted', outcome: 'reached', comment: 'Will come' } as never))] },
      { scope: desk, deskId: 'd2', mutations: [pushPatron({ ...p1, lastName: 'Vale-Okafor' })] },
      // An event that arrives before its follow-up, in the same group.
      { scope: desk, deskId: 'd3', mutations: [pushEvent(event('e2', f2, { type: 'done', outcome: 'reached', comment: '' } as never))] },
      { scope: desk, deskId: 'd1', mutations: [pushFollowUp(f2), pushNote('n1', 'p1', branch, Date.now())] },
    ];
    const { grouped, sequential, afterGroup, afterAlone } = await groupedThenAlone(setup, batches);
    expect(seqShape(grouped)).toEqual(seqShape(sequential));
    expect(afterGroup).toEqual(afterAlone);
    expect(afterGroup.entries.map((e) => [e.event_id, e.patron_name])).toEqual([
      ['e0', 'Iris Vale-Okafor'], ['e1', 'Iris Vale-Okafor'], ['e2', 'Iris Vale-Okafor'], ['f1', 'Iris Vale-Okafor'], ['f2', 'Iris Vale-Okafor'],
    ]);
    expect(afterGroup.followUps.map((f) => [f.follow_up_id, f.status, f.reached])).toEqual([['f1', 'open', true], ['f2', 'done', true]]);
  });

  it('gives a change that lost on every field no seq, even when a later batch of the group writes that record', async () => {
    const p1 = patron('p1', branch);
    const setup = [pushPatron(p1)];
    const stale = { ...pushPatron({ ...p1, lastName: 'Older' }), hlc: formatHlc({ wall: Date.now() - 3_600_000, counter: 0, deskId: 'slow-desk' }) } as Mutation;
    const batches: PushBatch[] = [
      { scope: desk, deskId: 'slow', mutations: [stale] },
      { scope: desk, deskId: 'd2', mutations: [pushPatron({ ...p1, lastName: 'Newer' })] },
    ];
    const { grouped, sequential, afterGroup, afterAlone } = await groupedThenAlone(setup, batches);
    expect(seqShape(sequential)).toEqual([['none'], ['some']]);
    expect(seqShape(grouped)).toEqual(seqShape(sequential));
    expect(grouped[0]!.lastSeq).toBeUndefined();
    expect(afterGroup.mutations).toEqual(afterAlone.mutations);
    expect(afterGroup.records.find((r) => r.id === 'p1')?.fields).toMatchObject({ lastName: 'Newer' });
  });
});
