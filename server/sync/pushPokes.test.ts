import { beforeEach, expect, it } from 'vitest';
import { patron, pushNote, pushPatron } from '../test/logFixtures';
import { seedBranch, seedStaff } from '../test/testApp';
import { describeEachDatabase } from '../test/testDatabases';
import { watchTransactions } from '../test/watchTransactions';
import { PokeHub, pokePayloads, type Poke } from './pokeHub';
import { PushCommitter } from './pushCommitter';
import type { PushBatch } from './syncStore';
import type { StaffScope } from './storedRecord';

/** Waits until `done` holds (notifications arrive on their own schedule), or gives up after a few seconds. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
}

it('splits a poke about many branches into payloads PostgreSQL accepts, covering every branch once', () => {
  const branches = Array.from({ length: 500 }, (_, i) => `${'b'.repeat(60)}${String(i).padStart(4, '0')}`);
  const payloads = pokePayloads({ seq: 42, branches });
  expect(payloads.length).toBeGreaterThan(1);
  expect(Math.max(...payloads.map((p) => Buffer.byteLength(p)))).toBeLessThan(8000);
  const parsed = payloads.map((p) => JSON.parse(p) as Poke);
  expect(parsed.every((p) => p.seq === 42)).toBe(true);
  expect(parsed.flatMap((p) => p.branches)).toEqual(branches);
  expect(pokePayloads({ seq: 7, branches: ['a'] })).toEqual(['{"seq":7,"branches":["a"]}']);
});

describeEachDatabase('pokes after a push group', (database) => {
  let admin: StaffScope;
  let branch: string;
  let hub: PokeHub;
  let pokes: Poke[];

  beforeEach(async () => {
    await database.reset();
    await database.db.query('INSERT INTO sync_epoch DEFAULT VALUES ON CONFLICT DO NOTHING');
    branch = await seedBranch(database.db, 'Central');
    admin = { staffId: (await seedStaff(database.db, { username: 'ada', role: 'admin', branchIds: [branch] })).id, role: 'admin', branchIds: [branch] };
    hub = await PokeHub.start(database.db);
    pokes = [];
    hub.subscribe((poke) => pokes.push(poke));
    return () => hub.stop();
  });

  it('pokes every branch of a batch and of a group touching hundreds of branches, each in one transaction', async () => {
    // 220 branch ids make a payload of about 8,600 bytes, past PostgreSQL's 8,000.
    const branches = [branch];
    for (let i = 1; i < 220; i++) branches.push(await seedBranch(database.db, `Branch ${i}`));
    const batches: PushBatch[] = [
      // One admin batch creating a patron in every branch: a transaction of its own, being first.
      { scope: admin, deskId: 'd0', mutations: branches.map((b, i) => pushPatron(patron(`p${i}`, b))) },
      // Then a push per branch, all in the next group.
      ...branches.map((b, i): PushBatch => ({ scope: admin, deskId: `d${i + 1}`, mutations: [pushNote(`n${i}`, `p${i}`, b, Date.now())] })),
    ];
    const watched = watchTransactions(database.db);
    const committer = new PushCommitter(watched.db);
    const out = await Promise.all(batches.map((b) => committer.push(b)));
    expect(out.every((o) => o.results.every((r) => r.status === 'applied'))).toBe(true);
    expect(watched.transactions.map((t) => t.length)).toEqual([220, 220]);

    const seqs = [out[0]!.lastSeq!, out[out.length - 1]!.lastSeq!];
    const poked = (seq: number) => new Set(pokes.filter((p) => p.seq === seq).flatMap((p) => p.branches));
    await until(() => seqs.every((s) => poked(s).size === branches.length));
    for (const seq of seqs) expect([...poked(seq)].sort()).toEqual([...branches].sort());
    expect(new Set(pokes.map((p) => p.seq))).toEqual(new Set(seqs));
  });

  it('pokes only about groups that committed, never about one that rolled back after sending its pokes', async () => {
    const watched = watchTransactions(database.db);
    // A transaction of more than one change fails just before COMMIT, after its NOTIFY.
    watched.failWhen((ids) => ids.length > 1, 'commit');
    const batches = ['p0', 'p1', 'p2', 'p3'].map((id, i): PushBatch => ({ scope: admin, deskId: `d${i}`, mutations: [pushPatron(patron(id, branch))] }));
    const committer = new PushCommitter(watched.db);
    const out = await Promise.all(batches.map((b) => committer.push(b)));
    // p0 alone; p1-p3 failed as a group (and any part of it holding more than one), then committed apart.
    expect(watched.transactions[1]).toHaveLength(3);

    const committed = out.map((o) => o.lastSeq!);
    await until(() => pokes.length >= committed.length);
    await new Promise((r) => setTimeout(r, 200));
    expect(pokes).toEqual(committed.map((seq) => ({ seq, branches: [branch] })));
    // The seqs the failed attempts took are not in the database, and nobody heard of them.
    const stored = (await database.db.query<{ seq: string }>('SELECT seq FROM sync_records ORDER BY seq')).rows.map((r) => Number(r.seq));
    expect(stored).toEqual(committed);
  });
});
