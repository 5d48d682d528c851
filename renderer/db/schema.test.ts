import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DeskDb } from './deskDb';

const T = Date.parse('2026-01-10T09:00:00Z');
const LATEST = 7;
const DAY = 86_400_000;
const stamp = (at: number) => ({ staff: 'Anna', deskId: 'desk-1', at });
/** The stores of earlier versions (as schema.ts declares them), to write a database as an older desk left it. */
const V2_STORES = {
  patrons: 'id, cardNumber, *terms, lastContactAt', notes: 'id, patronId', requests: 'id, patronId', meta: 'key',
  followUps: 'id, patronId, pendingDueAt', followUpEvents: 'id, followUpId, patronId',
};
const V5_STORES = {
  ...V2_STORES,
  patrons: 'id, cardNumber, *terms, lastContactAt, *flagKinds',
  outbox: '++seq, patronId', syncState: 'key', syncRejected: 'mutationId, patronId',
};
const V6_STORES = { ...V5_STORES, outbox: '++seq, *patronIds' };
const opened: Dexie[] = [];

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

/** A patron as version 1 stored it: no lastContactAt. */
const v1Patron = (id: string, createdAt: number) => ({
  id, branchId: 'local', title: '', firstName: id, lastName: 'Patron', cardNumber: '', phones: [], emails: [], address: '',
  pronouns: '', language: '', howWeMet: '', contact: { channels: [], bestTimes: [], note: '' }, flags: [], interests: [],
  stageHistory: [], created: stamp(createdAt), updated: stamp(createdAt), terms: [id],
});
const note = (id: string, patronId: string, at: number, extra = {}) => ({ id, patronId, branchId: 'local', body: id, kind: 'note', created: stamp(at), ...extra });

/** Writes a version-1 database with plain Dexie, as a desk that has not updated yet holds it. */
async function createV1(name: string): Promise<void> {
  const v1 = new Dexie(name);
  v1.version(1).stores({ patrons: 'id, cardNumber, *terms', notes: 'id, patronId', requests: 'id, patronId', meta: 'key' });
  await v1.open();
  await v1.table('patrons').bulkPut([v1Patron('ada', T), v1Patron('bea', T + DAY)]);
  await v1.table('notes').bulkPut([
    note('first', 'ada', T + 2 * DAY),
    note('latest', 'ada', T + 9 * DAY),
    note('deleted-later', 'ada', T + 20 * DAY, { deleted: stamp(T + 21 * DAY) }),
    note('middle', 'ada', T + 5 * DAY),
  ]);
  await v1.table('meta').put({ key: 'desk', value: { id: 'desk-1', name: 'Front desk', branchId: 'local' } });
  v1.close();
}

describe('schema v1 → v2', () => {
  it('backfills lastContactAt from the latest (not deleted) note, or creation, and adds the follow-up tables', async () => {
    const name = `desk-diary-upgrade-${Math.random().toString(36).slice(2)}`;
    await createV1(name);

    const db = new DeskDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(LATEST);
    expect((await db.patrons.get('ada'))?.lastContactAt).toBe(T + 9 * DAY);
    expect((await db.patrons.get('bea'))?.lastContactAt).toBe(T + DAY);

    expect(db.tables.map((t) => t.name).sort()).toEqual(['followUpEvents', 'followUps', 'meta', 'notes', 'outbox', 'patrons', 'requests', 'syncRejected', 'syncState']);
    expect(await db.followUps.count()).toBe(0);
    expect(await db.followUpEvents.count()).toBe(0);
    // The new indexes answer queries.
    expect((await db.patrons.where('lastContactAt').below(T + 3 * DAY).toArray()).map((p) => p.id)).toEqual(['bea']);
    expect(await db.followUps.where('pendingDueAt').below(T).count()).toBe(0);
    // Nothing else was lost on the way.
    expect(await db.notes.count()).toBe(4);
    expect((await db.meta.get('desk'))?.value).toMatchObject({ name: 'Front desk' });
  });

  it('opens a fresh database straight at the latest version', async () => {
    const db = new DeskDb(`desk-diary-fresh-${Math.random().toString(36).slice(2)}`);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(LATEST);
    expect(db.followUps.schema.indexes.map((i) => i.name).sort()).toEqual(['patronId', 'pendingDueAt']);
  });
});

describe('schema v2 → v3', () => {
  it('rebuilds every patron\'s search terms with the name-pair keys, so "jo sm" finds old records', async () => {
    const name = `desk-diary-upgrade3-${Math.random().toString(36).slice(2)}`;
    const v2 = new Dexie(name);
    v2.version(2).stores(V2_STORES);
    await v2.open();
    await v2.table('patrons').put({ ...v1Patron('p1', T), firstName: 'Joan', lastName: 'Smith', terms: ['joan', 'smith'], lastContactAt: T });
    v2.close();

    const db = new DeskDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(LATEST);
    expect((await db.patrons.get('p1'))?.terms.sort()).toEqual(['\u0001jsmith', '\u0001sjoan', 'joan', 'smith']);
    expect((await db.patrons.where('terms').startsWith('\u0001jsm').primaryKeys())).toEqual(['p1']);
  });
});

describe('schema v3 → v4', () => {
  const flag = (id: string, kind: string, extra = {}) => ({ id, kind, reason: 'Asked at the desk', source: 'desk', set: stamp(T), ...extra });

  it('indexes the kinds of uncleared flags, so do-not-contact patrons are one lookup', async () => {
    const name = `desk-diary-upgrade4-${Math.random().toString(36).slice(2)}`;
    const v3 = new Dexie(name);
    v3.version(3).stores(V2_STORES);
    await v3.open();
    await v3.table('patrons').bulkPut([
      { ...v1Patron('dnc', T), lastContactAt: T, flags: [flag('f1', 'do-not-contact'), flag('f2', 'never-email')] },
      // Past its expiry day but not cleared: still listed, readers apply the expiry.
      { ...v1Patron('expired', T), lastContactAt: T, flags: [flag('f3', 'do-not-contact', { expiresOn: '2026-01-01' })] },
      { ...v1Patron('cleared', T), lastContactAt: T, flags: [flag('f4', 'do-not-contact', { cleared: stamp(T + DAY) })] },
      { ...v1Patron('plain', T), lastContactAt: T },
    ]);
    v3.close();

    const db = new DeskDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(LATEST);
    expect((await db.patrons.where('flagKinds').equals('do-not-contact').primaryKeys()).sort()).toEqual(['dnc', 'expired']);
    expect(await db.patrons.where('flagKinds').equals('never-email').primaryKeys()).toEqual(['dnc']);
    expect((await db.patrons.get('dnc'))?.flagKinds).toEqual(['do-not-contact', 'never-email']);
    expect((await db.patrons.get('cleared'))?.flagKinds).toEqual([]);
    // Unflagged rows are left as they were (not rewritten).
    expect(await db.patrons.get('plain')).not.toHaveProperty('flagKinds');
    expect(await db.patrons.count()).toBe(4);
  });

  it('reaches flagged patrons on every page of the upgrade read, including the last row', async () => {
    const name = `desk-diary-upgrade4-pages-${Math.random().toString(36).slice(2)}`;
    const v3 = new Dexie(name);
    v3.version(3).stores(V2_STORES);
    await v3.open();
    // Ids sort as numbers; flags on either side of the 2,000-row page boundaries and on the very last row.
    const id = (i: number) => `p${String(i).padStart(5, '0')}`;
    const flaggedAt = new Set([0, 1999, 2000, 2001, 3999, 4000, 4100]);
    await v3.table('patrons').bulkPut(Array.from({ length: 4101 }, (_, i) => ({
      ...v1Patron(id(i), T), lastContactAt: T, flags: flaggedAt.has(i) ? [flag(`f${i}`, 'do-not-contact')] : [],
    })));
    v3.close();

    const db = new DeskDb(name);
    opened.push(db);
    await db.open();
    expect((await db.patrons.where('flagKinds').equals('do-not-contact').primaryKeys()).sort()).toEqual([...flaggedAt].map(id));
  });
});

describe('schema v5 → v6', () => {
  it('turns each unsent change into an outbox row of one change, in order, found by its patron', async () => {
    const name = `desk-diary-upgrade6-${Math.random().toString(36).slice(2)}`;
    const v5 = new Dexie(name);
    v5.version(5).stores(V5_STORES);
    await v5.open();
    const mutation = (id: string, recordId: string) => ({ id, kind: 'edit', entity: 'note', recordId, branchId: 'main', hlc: `h-${id}`, fields: { body: id } });
    await v5.table('outbox').bulkAdd([
      { patronId: 'ada', mutation: mutation('m1', 'n1') },
      { patronId: 'bea', mutation: mutation('m2', 'n2') },
      { patronId: 'ada', mutation: mutation('m3', 'n3') },
    ]);
    v5.close();

    const db = new DeskDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(LATEST);
    const rows = await db.outbox.orderBy('seq').toArray();
    expect(rows.map((r) => [r.seq, r.patronIds, r.changes.map((c) => [c.patronId, c.mutation.id])])).toEqual([
      [1, ['ada'], [['ada', 'm1']]],
      [2, ['bea'], [['bea', 'm2']]],
      [3, ['ada'], [['ada', 'm3']]],
    ]);
    expect(rows.map((r) => r.changeCount)).toEqual([1, 1, 1]);
    expect(rows[0]).not.toHaveProperty('mutation');
    expect(rows[0]!.changes[0]!.mutation).toEqual(mutation('m1', 'n1'));
    expect(await db.outbox.where('patronIds').equals('ada').primaryKeys()).toEqual([1, 3]);
  });
});

describe('schema v6 → v7', () => {
  it('gives every outbox row its change count, indexed', async () => {
    const name = `desk-diary-upgrade7-${Math.random().toString(36).slice(2)}`;
    const v6 = new Dexie(name);
    v6.version(6).stores(V6_STORES);
    await v6.open();
    const change = (id: string, patronId: string) => ({ patronId, mutation: { id, kind: 'erase', entity: 'patron', recordId: patronId, branchId: 'main', hlc: `h-${id}` } });
    await v6.table('outbox').bulkAdd([
      { patronIds: ['ada', 'bea'], changes: [change('m1', 'ada'), change('m2', 'bea'), change('m3', 'ada')] },
      { patronIds: ['cy'], changes: [change('m4', 'cy')] },
    ]);
    v6.close();

    const db = new DeskDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(LATEST);
    expect((await db.outbox.orderBy('seq').toArray()).map((r) => [r.seq, r.changeCount, r.changes.length])).toEqual([[1, 3, 3], [2, 1, 1]]);
    expect(await db.outbox.orderBy('changeCount').keys()).toEqual([1, 3]);
  });
});
