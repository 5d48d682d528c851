import { beforeEach, expect, it } from 'vitest';
import type { Mutation } from '@shared/sync/protocol';
import { formatHlc } from '@shared/sync/hlc';
import { event, eraseMutation, followUp, mutationId, patron, pushEvent, pushFollowUp, pushNote, pushPatron } from '../test/logFixtures';
import { seedBranch, seedStaff } from '../test/testApp';
import { describeEachDatabase } from '../test/testDatabases';
import { watchTransactions as watch } from '../test/watchTransactions';
import { PushCommitter } from './pushCommitter';
import type { BatchOutcome, PushBatch } from './syncStore';
import type { StaffScope } from './storedRecord';

const ids = (batch: PushBatch) => batch.mutations.map((m) => m.id);
const statuses = (o: BatchOutcome) => o.results.map((r) => r.status);
/** Every answer but the seqs, which depend on how changes were grouped. */
const verdicts = (out: BatchOutcome[]) => out.map((o) => o.results.map((r) => (r.status === 'applied' ? { ...r, seq: 'any' } : r)));

describeEachDatabase('push group commit', (database) => {
  let desk: StaffScope;
  let otherDesk: StaffScope;
  let manager: StaffScope;
  let branch: string;
  let otherBranch: string;

  beforeEach(async () => {
    await database.reset();
    await database.db.query('INSERT INTO sync_epoch DEFAULT VALUES ON CONFLICT DO NOTHING');
    branch = await seedBranch(database.db, 'Central');
    otherBranch = await seedBranch(database.db, 'Annex');
    const scopeOf = async (username: string, role: StaffScope['role'], branchIds: string[]): Promise<StaffScope> =>
      ({ staffId: (await seedStaff(database.db, { username, role, branchIds })).id, role, branchIds });
    desk = await scopeOf('dana', 'desk', [branch]);
    otherDesk = await scopeOf('bo', 'desk', [otherBranch]);
    manager = await scopeOf('mo', 'manager', [branch]);
  });

  const stored = async () =>
    (await database.db.query<{ entity: string; id: string; fields: unknown; erased: boolean }>('SELECT entity, id, fields, erased FROM sync_records ORDER BY entity, id')).rows;
  const mutationRows = async () =>
    (await database.db.query<{ id: string; desk_id: string; staff_id: string }>('SELECT id, desk_id, staff_id FROM sync_mutations ORDER BY id')).rows;

  /** The pushes that follow the first one in a burst, all sent before the first commits. */
  function burst(committer: PushCommitter, batches: PushBatch[]): Promise<BatchOutcome[]> {
    return Promise.all(batches.map((b) => committer.push(b)));
  }

  /** The same pushes one at a time on an emptied database, each awaited: the oracle a group must match. */
  async function oneByOne(batches: PushBatch[]): Promise<BatchOutcome[]> {
    await database.reset();
    await database.db.query('INSERT INTO sync_epoch DEFAULT VALUES ON CONFLICT DO NOTHING');
    const alone = new PushCommitter(database.db);
    const out: BatchOutcome[] = [];
    for (const b of batches) out.push(await alone.push(b));
    return out;
  }

  function scenario(): PushBatch[] {
    const p1 = patron('p1', branch);
    const first = pushPatron(p1);
    const renamed = pushPatron({ ...p1, lastName: 'Okafor' });
    return [
      { scope: desk, deskId: 'desk-1', mutations: [first] },
      { scope: desk, deskId: 'desk-2', mutations: [pushNote('n1', 'p1', branch, Date.now()), renamed] },
      // A resend of the first change (its answer was lost), a change to a branch the desk may not touch, and a note.
      { scope: otherDesk, deskId: 'desk-3', mutations: [{ ...first }, pushPatron(patron('p2', branch)), pushNote('n2', 'p9', otherBranch, Date.now())] },
      { scope: desk, deskId: 'desk-1', mutations: [pushNote('n3', 'p1', branch, Date.now())] },
    ];
  }

  it('commits the pushes that arrive while one commits as one group, each answered as if applied alone after the ones before it', async () => {
    const batches = scenario();
    const watched = watch(database.db);
    const grouped = await burst(new PushCommitter(watched.db), batches);
    expect(watched.transactions).toEqual([ids(batches[0]!), batches.slice(1).flatMap(ids)]);
    const groupedRecords = await stored();
    const groupedMutations = await mutationRows();

    // The same pushes one at a time, each awaited: the oracle.
    await database.reset();
    await database.db.query('INSERT INTO sync_epoch DEFAULT VALUES ON CONFLICT DO NOTHING');
    const alone = new PushCommitter(database.db);
    const sequential: BatchOutcome[] = [];
    for (const b of batches) sequential.push(await alone.push(b));

    expect(grouped.map(statuses)).toEqual([['applied'], ['applied', 'applied'], ['duplicate', 'rejected', 'applied'], ['applied']]);
    expect(grouped.map(statuses)).toEqual(sequential.map(statuses));
    expect(groupedRecords).toEqual(await stored());
    expect(groupedRecords.find((r) => r.id === 'p1')?.fields).toMatchObject({ lastName: 'Okafor' });
    expect(groupedMutations).toEqual(await mutationRows());
    expect(groupedMutations.filter((m) => m.desk_id === 'desk-3').map((m) => m.staff_id)).toEqual([otherDesk.staffId]);
  });

  it('numbers the changes of a group in the order they arrived, and gives each batch its own last seq', async () => {
    const watched = watch(database.db);
    const out = await burst(new PushCommitter(watched.db), [
      { scope: desk, deskId: 'd1', mutations: [pushPatron(patron('a', branch))] },
      { scope: desk, deskId: 'd2', mutations: [pushPatron(patron('b', branch)), pushPatron(patron('c', branch))] },
      { scope: otherDesk, deskId: 'd3', mutations: [pushPatron(patron('d', otherBranch))] },
    ]);
    const seqs = out.flatMap((o) => o.results.map((r) => (r.status === 'applied' ? r.seq : -1)));
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(4);
    expect(out.map((o) => o.lastSeq)).toEqual([seqs[0], seqs[2], seqs[3]]);
  });

  it('tries a failed group again in halves, down to single batches, leaving nothing of the failed attempts', async () => {
    const batches = scenario();
    const watched = watch(database.db);
    watched.failWhen((txIds) => txIds.length > 3);
    const out = await burst(new PushCommitter(watched.db), batches);
    // The group of batches 2-4 (6 changes) fails, then its first half (2-3, 5 changes); 2, 3 and 4 commit apart.
    expect(watched.transactions.map((t) => t.length)).toEqual([1, 6, 5, 2, 3, 1]);
    expect(out.map(statuses)).toEqual([['applied'], ['applied', 'applied'], ['duplicate', 'rejected', 'applied'], ['applied']]);
    expect((await stored()).map((r) => r.id)).toEqual(['n1', 'n2', 'n3', 'p1']);
    expect((await mutationRows()).length).toBe(5);
  });

  it('fails only the batch that fails on its own', async () => {
    const batches = scenario();
    const poisoned = batches[1]!.mutations[0]!.id;
    const watched = watch(database.db);
    watched.failWhen((txIds) => txIds.includes(poisoned));
    const committer = new PushCommitter(watched.db);
    const settled = await Promise.allSettled(batches.map((b) => committer.push(b)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((await stored()).map((r) => r.id)).toEqual(['n2', 'n3', 'p1']);
    // Batch 2's rename never happened.
    expect((await stored()).find((r) => r.id === 'p1')?.fields).toMatchObject({ lastName: 'Ng' });
  });

  it('commits an erasure alone, so an event another desk sent for that patron is written and logged first', async () => {
    const p1 = patron('p1', branch, { firstName: 'Iris', lastName: 'Vale' });
    const f1 = followUp('f1', 'p1', branch);
    const committer = new PushCommitter(database.db);
    await committer.push({ scope: desk, deskId: 'd1', mutations: [pushPatron(p1), pushFollowUp(f1)] });

    const batches: PushBatch[] = [
      { scope: desk, deskId: 'd1', mutations: [pushPatron(patron('p2', branch))] },
      { scope: desk, deskId: 'd2', mutations: [pushEvent(event('e1', f1, { type: 'attempted', outcome: 'reached', comment: 'Said yes' } as never))] },
      { scope: manager, deskId: 'd3', mutations: [eraseMutation('p1', branch) as Mutation] },
      { scope: desk, deskId: 'd1', mutations: [pushPatron(patron('p3', branch))] },
    ];
    const watched = watch(database.db);
    const out = await burst(new PushCommitter(watched.db), batches);
    expect(out.map(statuses)).toEqual([['applied'], ['applied'], ['applied'], ['applied']]);
    expect(watched.transactions).toEqual([ids(batches[0]!), ids(batches[1]!), ids(batches[2]!), ids(batches[3]!)]);
    const entries = await database.db.query<{ event_id: string; patron_name: string | null; comment: string }>(
      "SELECT event_id, patron_name, comment FROM log_entries WHERE follow_up_id = 'f1' ORDER BY event_id",
    );
    // The attempt is in the managers' log, anonymised by the erasure that followed it.
    expect(entries.rows).toEqual([
      { event_id: 'e1', patron_name: null, comment: '' },
      { event_id: 'f1', patron_name: null, comment: '' },
    ]);
  });

  it('answers a change sent twice within one group "duplicate" and commits it once, without failing the group', async () => {
    const twice = pushPatron(patron('pa', branch));
    const batches: PushBatch[] = [
      { scope: desk, deskId: 'd0', mutations: [pushPatron(patron('p0', branch))] },
      { scope: desk, deskId: 'd1', mutations: [twice] },
      { scope: desk, deskId: 'd1', mutations: [{ ...twice }] },
    ];
    const watched = watch(database.db);
    const out = await burst(new PushCommitter(watched.db), batches);
    expect(out.map(statuses)).toEqual([['applied'], ['applied'], ['duplicate']]);
    // One group, no retry: writing the id twice would break the group on sync_mutations' primary key.
    expect(watched.transactions).toEqual([ids(batches[0]!), [twice.id, twice.id]]);
    expect((await mutationRows()).map((r) => r.id).sort()).toEqual([...ids(batches[0]!), twice.id].sort());
  });

  it('checks a child against a patron created earlier in the same group, as it would alone', async () => {
    const batches: PushBatch[] = [
      { scope: desk, deskId: 'd0', mutations: [pushPatron(patron('p0', branch))] },
      { scope: desk, deskId: 'd1', mutations: [pushPatron(patron('p1', branch))] },
      { scope: desk, deskId: 'd2', mutations: [pushNote('n1', 'p1', branch, Date.now())] },
      // p1 is Central's: a note about them claiming the Annex is refused, grouped or not.
      { scope: otherDesk, deskId: 'd3', mutations: [pushNote('n2', 'p1', otherBranch, Date.now())] },
    ];
    const watched = watch(database.db);
    const grouped = await burst(new PushCommitter(watched.db), batches);
    expect(watched.transactions).toHaveLength(2);
    const groupedRecords = await stored();
    expect(grouped[3]!.results[0]).toMatchObject({ status: 'rejected', code: 'branch-mismatch' });
    expect(verdicts(grouped)).toEqual(verdicts(await oneByOne(batches)));
    expect(groupedRecords).toEqual(await stored());
    expect(groupedRecords.map((r) => r.id)).toEqual(['n1', 'p0', 'p1']);
  });

  it('keeps the later edit of a field when a later batch of the group carries an older clock', async () => {
    const base = Date.now() + 10_000;
    const edit = (fields: Record<string, string>, wall: number): Mutation =>
      ({ id: mutationId(), kind: 'edit', entity: 'patron', recordId: 'p0', branchId: branch, hlc: formatHlc({ wall, counter: 0, deskId: 'dx' }), fields });
    const batches: PushBatch[] = [
      { scope: desk, deskId: 'd0', mutations: [pushPatron(patron('p0', branch))] },
      { scope: desk, deskId: 'd1', mutations: [edit({ lastName: 'Newer' }, base + 2000)] },
      { scope: desk, deskId: 'd2', mutations: [edit({ lastName: 'Older' }, base + 1000)] },
      { scope: desk, deskId: 'd3', mutations: [edit({ firstName: 'Zed' }, base + 3000)] },
    ];
    const withClocks = async () => (await database.db.query('SELECT id, fields, clocks FROM sync_records ORDER BY id')).rows;
    const watched = watch(database.db);
    const grouped = await burst(new PushCommitter(watched.db), batches);
    expect(watched.transactions).toHaveLength(2);
    const groupedRecords = await withClocks();
    // Seqs are left out: a grouped change gets its record's seq at commit (docs/sync-protocol.md).
    expect(verdicts(grouped)).toEqual(verdicts(await oneByOne(batches)));
    expect(groupedRecords).toEqual(await withClocks());
    expect(groupedRecords[0]).toMatchObject({ fields: { lastName: 'Newer', firstName: 'Zed' } });
  });

  it('writes the same managers\' log for follow-ups and events spread over a group as for the pushes one by one', async () => {
    const p1 = patron('p1', branch, { firstName: 'Iris', lastName: 'Vale' });
    const f1 = followUp('f1', 'p1', branch);
    const batches: PushBatch[] = [
      { scope: desk, deskId: 'd0', mutations: [pushPatron(p1)] },
      // An event that arrives before its follow-up, a rename between two events, then the follow-up is done.
      { scope: desk, deskId: 'd1', mutations: [pushEvent(event('e1', f1, { type: 'attempted', outcome: 'no-answer', comment: 'Rang twice' } as never))] },
      { scope: desk, deskId: 'd2', mutations: [pushFollowUp(f1)] },
      { scope: desk, deskId: 'd3', mutations: [pushPatron({ ...p1, lastName: 'Okafor' })] },
      { scope: manager, deskId: 'd1', mutations: [pushEvent(event('e2', f1, { type: 'done', outcome: 'reached', comment: 'Booked' } as never))] },
    ];
    const managersLog = async () => ({
      // Seqs differ by grouping (see above); everything else must not.
      entries: (await database.db.query<{ event_id: string }>('SELECT * FROM log_entries ORDER BY event_id')).rows.map((r) => ({ ...r, seq: undefined })),
      followUps: (await database.db.query('SELECT * FROM log_follow_ups ORDER BY follow_up_id')).rows,
    });
    const watched = watch(database.db);
    const grouped = await burst(new PushCommitter(watched.db), batches);
    expect(watched.transactions).toHaveLength(2);
    const groupedLog = await managersLog();
    expect(groupedLog.entries.map((e) => e.event_id)).toEqual(['e1', 'e2', 'f1']);
    expect(verdicts(grouped)).toEqual(verdicts(await oneByOne(batches)));
    expect(groupedLog).toEqual(await managersLog());
  });
});
