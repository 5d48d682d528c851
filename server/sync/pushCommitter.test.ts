import { beforeEach, expect, it } from 'vitest';
import type { Mutation } from '@shared/sync/protocol';
import type { Database, Transaction } from '../db/database';
import { event, eraseMutation, followUp, patron, pushEvent, pushFollowUp, pushNote, pushPatron } from '../test/logFixtures';
import { seedBranch, seedStaff } from '../test/testApp';
import { describeEachDatabase } from '../test/testDatabases';
import { PushCommitter } from './pushCommitter';
import type { BatchOutcome, PushBatch } from './syncStore';
import type { StaffScope } from './storedRecord';

interface Watched {
  db: Database;
  /** The mutation ids each push transaction carried, in commit order (failed ones included). */
  transactions: string[][];
  /** A transaction carrying this mutation id fails just before it would commit. */
  failWhen: (test: (ids: readonly string[]) => boolean) => void;
}

/**
 * The suite's real database, with every transaction's batch contents noted (from the duplicate
 * check, which reads every mutation id of the group) and a way to make chosen ones fail late,
 * after the group has written its records, so the rollback is real.
 */
function watch(db: Database): Watched {
  const transactions: string[][] = [];
  let failing: (ids: readonly string[]) => boolean = () => false;
  const wrapTx = (tx: Transaction): Transaction => {
    let ids: string[] = [];
    return new Proxy(tx, {
      get(target, prop) {
        if (prop !== 'query') return Reflect.get(target, prop, target);
        return async (sql: string, params?: unknown[]) => {
          if (sql.startsWith('SELECT id FROM sync_mutations')) {
            ids = [...(params![0] as string[])];
            transactions.push(ids);
          }
          if (sql.trimStart().startsWith('INSERT INTO sync_mutations') && failing(ids)) throw new Error('injected failure before commit');
          return target.query(sql, params as never);
        };
      },
    });
  };
  const watched = new Proxy(db, {
    get(target, prop) {
      if (prop === 'transaction') return (fn: (tx: Transaction) => Promise<unknown>, options?: never) => target.transaction((tx) => fn(wrapTx(tx)), options);
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: watched, transactions, failWhen: (test) => (failing = test) };
}

const ids = (batch: PushBatch) => batch.mutations.map((m) => m.id);
const statuses = (o: BatchOutcome) => o.results.map((r) => r.status);

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

  it('tries each batch of a failed group again alone, leaving nothing of the failed attempt', async () => {
    const batches = scenario();
    const watched = watch(database.db);
    watched.failWhen((txIds) => txIds.length > 3);
    const out = await burst(new PushCommitter(watched.db), batches);
    expect(watched.transactions.map((t) => t.length)).toEqual([1, 6, 2, 3, 1]);
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
});
