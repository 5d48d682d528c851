import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_CONTACT_PREFERENCES } from '@shared/domain/contactPreferences';
import { EMPTY_PATRON_DETAILS, type Patron } from '@shared/domain/patron';
import { patronIndexKeys } from '@shared/domain/patronIndexKeys';
import { eraseLocally } from '../sync/eraseLocally';
import { freshDb } from '../test/renderDesk';
import type { DeskDb } from './deskDb';
import { searchPatrons } from './patronSearch';
import { PatronSearchIndexBuilder } from './patronSearchIndex';
import { PatronSearchMirror } from './patronSearchMirror';

/**
 * The in-memory index must answer exactly what searchPatrons() reads from IndexedDB (here
 * fake-indexeddb, which orders keys as the spec says): same patrons, same order, same cut
 * at the limit. Names come from a small pool with accents and shared prefixes, so ranges
 * overlap, ties in a key are broken by id, and small limits cut through them.
 */

const WORDS = ['José', 'Jose', 'Joan', 'Jo', 'Jöns', 'Núñez', 'Nunez', 'Müller', 'Muller', 'Smith', 'Smythe', 'Ann', 'Ånna', 'Anna', "O'Brien", 'Lee', 'Li', 'Çelik', 'Sam'];
const stamp = { staff: 'Anna', deskId: 'd1', at: 1 };

interface Details {
  firstName: string;
  lastName: string;
  cardNumber: string;
  phone: string | undefined;
  email: string | undefined;
}

const detailsArb: fc.Arbitrary<Details> = fc.record({
  firstName: fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...WORDS).map((w) => `${w} ${w.slice(0, 2)}`)),
  lastName: fc.constantFrom(...WORDS, ''),
  cardNumber: fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 999 }).map((n) => `LIB-${String(n).padStart(3, '0')}`), fc.integer({ min: 10, max: 99 }).map(String)),
  phone: fc.option(fc.constantFrom('+44 20 7946 0958', '020 7946 0001', '(555) 010-4477', '555 0199', '07700 900123'), { nil: undefined }),
  email: fc.option(fc.constantFrom('jo.smith@example.org', 'jose@x.es', 'ann@uni.example.edu', 'anna.lee@example.org', 'mm@x.de'), { nil: undefined }),
});

/** Ids from a small alphabet: new patrons land before, between and after the loaded ones. */
const idArb = fc.stringMatching(/^[0-9a-f]{1,4}$/);

function patronOf(id: string, d: Details): Patron {
  const details = {
    ...EMPTY_PATRON_DETAILS,
    firstName: d.firstName,
    lastName: d.lastName,
    cardNumber: d.cardNumber,
    phones: d.phone ? [{ label: 'home' as const, number: d.phone }] : [],
    emails: d.email ? [{ label: 'personal' as const, address: d.email }] : [],
  };
  return {
    ...details,
    id,
    branchId: 'local',
    contact: EMPTY_CONTACT_PREFERENCES,
    flags: [],
    interests: [],
    stageHistory: [],
    created: stamp,
    updated: stamp,
    lastContactAt: 1,
    ...patronIndexKeys({ ...details, flags: [] }),
  };
}

/** What staff might type: prefixes of names, cards, phones and emails, pairs of words, any case, stray text. */
const queryArb: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom(...WORDS), fc.integer({ min: 1, max: 7 })).map(([w, n]) => w.slice(0, n)),
  fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...WORDS), fc.integer({ min: 1, max: 4 })).map(([a, b, n]) => `${a.slice(0, n)} ${b.toUpperCase()}`),
  fc.tuple(fc.constantFrom('LIB-0', 'lib-00', 'LIB-1', 'lib', '1', '2', '55', '020 79', '+44 20', '0770', 'jo.', 'ann@', 'anna.lee@ex', 'mm@x', 'smith 07', 'jo 020'), fc.boolean()).map(([q, upper]) => (upper ? q.toUpperCase() : q)),
  fc.string({ unit: fc.constantFrom(...'ajosnmü0125-@. '), maxLength: 6 }),
);

const limitArb = fc.constantFrom(1, 2, 3, 5, 20);

type Change = { kind: 'put'; id: string; details: Details } | { kind: 'erase'; pick: number } | { kind: 'rename'; pick: number; details: Details };
const changeArb: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('put' as const), id: idArb, details: detailsArb }),
  fc.record({ kind: fc.constant('erase' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('rename' as const), pick: fc.nat(), details: detailsArb }),
);

const ids = (xs: ReadonlyArray<{ id: string }>) => xs.map((x) => x.id);

let opened: Array<{ db: DeskDb; mirror: PatronSearchMirror }> = [];
afterEach(async () => {
  for (const { db, mirror } of opened) {
    mirror.dispose();
    await db.delete();
  }
  opened = [];
});

async function expectSameAnswers(db: DeskDb, mirror: PatronSearchMirror, queries: readonly string[], limit: number): Promise<void> {
  await mirror.whenFresh();
  for (const q of queries) {
    const fromMemory = mirror.search(q, limit);
    expect(fromMemory, `"${q}" limit ${limit}: the index is fresh`).toBeDefined();
    expect(ids(fromMemory!), `"${q}" limit ${limit}`).toEqual(ids(await searchPatrons(db, q, limit)));
  }
}

/** Makes the change; false if there was nothing to change. */
async function applyChange(db: DeskDb, change: Change): Promise<boolean> {
  const stored = await db.patrons.toCollection().primaryKeys();
  if (change.kind === 'put') await db.patrons.put(patronOf(change.id, change.details));
  else if (stored.length === 0) return false;
  else if (change.kind === 'rename') await db.patrons.put(patronOf(stored[change.pick % stored.length]!, change.details));
  // Erasure, as a pulled erasure runs it: in a transaction naming syncState.
  else await db.transaction('rw', [db.patrons, db.notes, db.requests, db.followUps, db.followUpEvents, db.outbox, db.syncRejected, db.syncState], () => eraseLocally(db, stored[change.pick % stored.length]!));
  return true;
}

describe('PatronSearchMirror answers what searchPatrons reads from IndexedDB', () => {
  it('after loading, and after patrons are added, changed and erased one by one', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.tuple(idArb, detailsArb), { selector: ([id]) => id, maxLength: 40 }),
        fc.array(queryArb, { minLength: 1, maxLength: 12 }),
        limitArb,
        fc.array(changeArb, { maxLength: 6 }),
        async (patrons, queries, limit, changes) => {
          const db = freshDb();
          const mirror = new PatronSearchMirror(db);
          opened.push({ db, mirror });
          // Fewer than 50 rows per put: Dexie names the keys, so a later write is applied, not reloaded.
          for (const [id, d] of patrons) await db.patrons.put(patronOf(id, d));
          mirror.start();
          await expectSameAnswers(db, mirror, queries, limit);
          for (const change of changes) {
            if (await applyChange(db, change)) expect(mirror.fresh, 'a write makes the index stale until it is applied').toBe(false);
            await expectSameAnswers(db, mirror, queries, limit);
            expect(mirror.stats()?.patrons).toBe(await db.patrons.count());
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);

  it('after a bulk write whose keys Dexie does not name (the index reloads)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.tuple(idArb, detailsArb), { selector: ([id]) => id, minLength: 50, maxLength: 80 }),
        fc.array(queryArb, { minLength: 1, maxLength: 8 }),
        limitArb,
        async (patrons, queries, limit) => {
          const db = freshDb();
          const mirror = new PatronSearchMirror(db);
          opened.push({ db, mirror });
          const [first, ...rest] = patrons;
          await db.patrons.put(patronOf(first![0], first![1]));
          mirror.start();
          await mirror.whenFresh();
          await db.patrons.bulkPut(rest.map(([id, d]) => patronOf(id, d)));
          await expectSameAnswers(db, mirror, queries, limit);
          expect(mirror.stats()?.patrons).toBe(patrons.length);
        },
      ),
      { numRuns: 10 },
    );
  }, 120_000);

  it('does not answer until it has loaded, so the caller reads IndexedDB meanwhile', async () => {
    const db = freshDb();
    const mirror = new PatronSearchMirror(db);
    opened.push({ db, mirror });
    await db.patrons.put(patronOf('a1', { firstName: 'José', lastName: 'Núñez', cardNumber: '', phone: undefined, email: undefined }));
    expect(mirror.search('jose', 20)).toBeUndefined();
    mirror.start();
    await mirror.whenFresh();
    expect(mirror.search('JOSE', 20)?.map((h) => h.name)).toEqual(['José Núñez']);
  });
});

describe('PatronSearchIndexBuilder', () => {
  it('refuses patrons out of id order (each key’s patrons must be in id order, as in IndexedDB)', () => {
    const builder = new PatronSearchIndexBuilder();
    const d: Details = { firstName: 'Ann', lastName: '', cardNumber: '', phone: undefined, email: undefined };
    builder.add([patronOf('b', d)]);
    expect(() => builder.add([patronOf('a', d)])).toThrow(/ascending id order/);
  });
});
