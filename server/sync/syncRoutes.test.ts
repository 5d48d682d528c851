import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { noteCodec, patronCodec } from '@shared/sync/entities';
import { formatHlc, MAX_DRIFT_MS } from '@shared/sync/hlc';
import { SYNC_HEADERS, SYNC_SCHEMA_VERSION, type Mutation, type PullResponse, type PushResponse } from '@shared/sync/protocol';
import type { Patron } from '@shared/domain/patron';
import { patronSearchTerms } from '@shared/search/searchKeys';
import type { Database } from '../db/database';
import { describeEachDatabase } from '../test/testDatabases';
import { as, buildTestApp, loginAs, seedBranch, seedStaff } from '../test/testApp';

const DESK = 'desk-test-1';
let counter = 0;
const uuid = () => `0193a0c0-0000-7000-8000-${String(++counter).padStart(12, '0')}`;
const hlc = (wall = Date.now(), desk = DESK) => formatHlc({ wall, counter: counter % 1000, deskId: desk });
const stamp = () => ({ staff: 'Ada', deskId: DESK, at: Date.now() });

function patron(id: string, branchId: string, over: Partial<Patron> = {}): Patron {
  const p = {
    id, branchId, title: '', firstName: 'Yvonne', lastName: 'Ng', cardNumber: '', phones: [], emails: [], address: '', pronouns: '', language: '', howWeMet: '',
    contact: { channels: [], bestTimes: [], note: '' }, flags: [], interests: [], stageHistory: [], created: stamp(), updated: stamp(), lastContactAt: Date.now(), terms: [], ...over,
  } as Patron;
  return { ...p, terms: patronSearchTerms(p) };
}
const createPatron = (p: Patron): Mutation => ({ id: uuid(), kind: 'edit', entity: 'patron', recordId: p.id, branchId: p.branchId, hlc: hlc(), fields: patronCodec.toFields(p) });
const createNote = (id: string, patronId: string, branchId: string, body = 'Phone her'): Mutation => ({
  id: uuid(), kind: 'edit', entity: 'note', recordId: id, branchId, hlc: hlc(),
  fields: noteCodec.toFields({ id, patronId, branchId, body, kind: 'note', created: stamp() }),
});

describeEachDatabase('sync endpoints', (database) => {
  let app: FastifyInstance;
  let branchA: string;
  let branchB: string;
  let deskA: string;
  let deskB: string;
  let managerA: string;

  const headers = (over: Record<string, string> = {}) => ({ [SYNC_HEADERS.schema]: String(SYNC_SCHEMA_VERSION), [SYNC_HEADERS.deskId]: DESK, [SYNC_HEADERS.clock]: String(Date.now()), ...over });
  const push = (token: string, mutations: Mutation[], extra: Partial<InjectOptions> = {}) =>
    as(app, token, { method: 'POST', url: '/api/sync/push', payload: { mutations }, headers: headers(), ...extra });
  const pull = (token: string, cursor?: string, limit = 500) =>
    as(app, token, { method: 'GET', url: `/api/sync/pull?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, headers: headers() });
  const records = async () => (await database.db.query<{ entity: string; id: string; erased: boolean }>('SELECT entity, id, erased FROM sync_records ORDER BY seq')).rows;

  beforeAll(async () => {
    app = await buildTestApp(database.db);
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    await database.reset();
    await database.db.query('INSERT INTO sync_epoch DEFAULT VALUES ON CONFLICT DO NOTHING');
    branchA = await seedBranch(database.db, 'Central');
    branchB = await seedBranch(database.db, 'Annex');
    await seedStaff(database.db, { username: 'dana', role: 'desk', branchIds: [branchA] });
    await seedStaff(database.db, { username: 'bo', role: 'desk', branchIds: [branchB] });
    await seedStaff(database.db, { username: 'mo', role: 'manager', branchIds: [branchA] });
    deskA = await loginAs(app, 'dana');
    deskB = await loginAs(app, 'bo');
    managerA = await loginAs(app, 'mo');
  });

  it('applies a batch, answers each change, and pulls it back page by page with a saved cursor', async () => {
    const p = patron('p1', branchA);
    const res = await push(deskA, [createPatron(p), createNote('n1', 'p1', branchA), createNote('n2', 'p1', branchA, 'Second')]);
    expect(res.statusCode).toBe(200);
    const body = res.json<PushResponse>();
    expect(body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);

    const first = (await pull(deskA, undefined, 2)).json<PullResponse>();
    expect(first.records.map((r) => r.id)).toEqual(['p1', 'n1']);
    expect(first).toMatchObject({ more: true, total: 3 });
    expect(first.records[0]!.fields.firstName).toBe('Yvonne');
    expect(first.records[1]!.patronId).toBe('p1');
    const second = (await pull(deskA, first.cursor, 2)).json<PullResponse>();
    expect(second.records.map((r) => r.id)).toEqual(['n2']);
    expect(second.more).toBe(false);
    const third = (await pull(deskA, second.cursor)).json<PullResponse>();
    expect(third.records).toEqual([]);
    expect(third.cursor).toBe(second.cursor);
  });

  it('answers a resent batch "duplicate" and changes nothing', async () => {
    const batch = [createPatron(patron('p1', branchA))];
    await push(deskA, batch);
    const before = await records();
    const again = (await push(deskA, batch)).json<PushResponse>();
    expect(again.results).toEqual([{ mutationId: batch[0]!.id, status: 'duplicate' }]);
    expect(await records()).toEqual(before);
  });

  it('answers a resent batch with upper-case mutation ids "duplicate", with the ids as the desk sent them', async () => {
    const batch = [createPatron(patron('p1', branchA)), createNote('n1', 'p1', branchA)].map((m) => ({ ...m, id: m.id.toUpperCase() }));
    expect((await push(deskA, batch)).json<PushResponse>().results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const again = await push(deskA, batch);
    expect(again.statusCode).toBe(200);
    expect(again.json<PushResponse>().results).toEqual(batch.map((m) => ({ mutationId: m.id, status: 'duplicate' })));
  });

  it('refuses text PostgreSQL cannot store (NUL) with a 400 naming the field, before it reaches a push group', async () => {
    const res = await push(deskA, [createPatron(patron('p0', branchA)), createPatron(patron('p1', branchA, { firstName: 'Nu\u0000ll' }))]);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'validation', fields: [{ path: 'mutations.1.fields.firstName', message: 'Text must not contain NUL characters' }] } });
    expect(await records()).toEqual([]);
  });

  it('keeps the later edit of a field whichever arrives first', async () => {
    await push(deskA, [createPatron(patron('p1', branchA))]);
    const later: Mutation = { id: uuid(), kind: 'edit', entity: 'patron', recordId: 'p1', branchId: branchA, hlc: hlc(Date.now() + 1000), fields: { lastName: 'Later' } };
    const earlier: Mutation = { id: uuid(), kind: 'edit', entity: 'patron', recordId: 'p1', branchId: branchA, hlc: hlc(Date.now() - 60_000), fields: { lastName: 'Earlier' } };
    await push(deskA, [later]);
    await push(deskA, [earlier]);
    const { records: pulled } = (await pull(deskA)).json<PullResponse>();
    expect(pulled.find((r) => r.id === 'p1')?.fields.lastName).toBe('Later');
  });

  it('refuses invalid changes one by one, with the field, and keeps the rest of the batch', async () => {
    const note = createNote('n1', 'p1', branchA) as Extract<Mutation, { kind: 'edit' }>;
    const bad: Mutation = { ...note, fields: { ...note.fields, kind: 'shout' } };
    const res = (await push(deskA, [createPatron(patron('p1', branchA)), bad])).json<PushResponse>();
    expect(res.results[0]!.status).toBe('applied');
    expect(res.results[1]).toMatchObject({ status: 'rejected', code: 'invalid', issues: [{ path: 'kind' }] });
    expect((await records()).map((r) => r.id)).toEqual(['p1']);
  });

  it('scopes pulls and pushes by branch', async () => {
    await push(deskA, [createPatron(patron('pa', branchA))]);
    await push(deskB, [createPatron(patron('pb', branchB))]);
    expect((await pull(deskA)).json<PullResponse>().records.map((r) => r.id)).toEqual(['pa']);
    expect((await pull(deskB)).json<PullResponse>().records.map((r) => r.id)).toEqual(['pb']);
    const intrusion = (await push(deskB, [createNote('nx', 'pa', branchA)])).json<PushResponse>();
    expect(intrusion.results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
  });

  it('pages a pull over several branches in change order, leaving out the branches a staff member is not in', async () => {
    const branchC = await seedBranch(database.db, 'Mobile library');
    await seedStaff(database.db, { username: 'ro', role: 'desk', branchIds: [branchA, branchB] });
    await seedStaff(database.db, { username: 'ad', role: 'admin', branchIds: [] });
    const [both, admin] = [await loginAs(app, 'ro'), await loginAs(app, 'ad')];
    // Interleaved: A, B, C, A, B, C … so every page of the two-branch desk mixes A and B and skips C.
    for (let i = 0; i < 4; i += 1) {
      await push(admin, [createPatron(patron(`a${i}`, branchA)), createPatron(patron(`b${i}`, branchB)), createPatron(patron(`c${i}`, branchC))]);
    }
    const pullAll = async (token: string, limit: number) => {
      const pages: string[][] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = (await pull(token, cursor, limit)).json<PullResponse>();
        if (cursor === undefined) expect(page.total).toBeGreaterThan(0);
        pages.push(page.records.map((r) => r.id));
        cursor = page.cursor;
        if (!page.more) return { pages, total: pages.flat().length };
      }
    };
    const twoBranches = await pullAll(both, 3);
    expect(twoBranches.pages).toEqual([['a0', 'b0', 'a1'], ['b1', 'a2', 'b2'], ['a3', 'b3']]);
    expect((await pull(both, undefined, 3)).json<PullResponse>().total).toBe(8);
    const everything = await pullAll(admin, 5);
    expect(everything.pages.flat()).toEqual(['a0', 'b0', 'c0', 'a1', 'b1', 'c1', 'a2', 'b2', 'c2', 'a3', 'b3', 'c3']);
    expect((await pull(admin, undefined, 5)).json<PullResponse>().total).toBe(12);
  });

  it('erases a patron for a manager: children gone, a tombstone pulled, later changes refused', async () => {
    await push(deskA, [createPatron(patron('p1', branchA)), createNote('n1', 'p1', branchA)]);
    const { cursor } = (await pull(deskA)).json<PullResponse>();
    const erase: Mutation = { id: uuid(), kind: 'erase', entity: 'patron', recordId: 'p1', branchId: branchA, hlc: hlc() };
    expect((await push(deskA, [erase])).json<PushResponse>().results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect((await push(managerA, [erase])).json<PushResponse>().results[0]!.status).toBe('applied');
    expect(await records()).toEqual([{ entity: 'patron', id: 'p1', erased: true }]);
    const after = (await pull(deskA, cursor)).json<PullResponse>();
    expect(after.records).toEqual([{ entity: 'patron', id: 'p1', branchId: branchA, patronId: 'p1', fields: {}, clocks: {}, erased: true }]);
    const late = (await push(deskA, [createNote('n2', 'p1', branchA)])).json<PushResponse>();
    expect(late.results[0]).toMatchObject({ status: 'rejected', code: 'erased' });
    const stored = await database.db.query('SELECT fields FROM sync_records WHERE id = $1', ['p1']);
    expect(stored.rows).toEqual([{ fields: {} }]);
  });

  it('refuses a desk whose clock is far ahead, with the server time, and applies nothing', async () => {
    const res = await push(deskA, [createPatron(patron('p1', branchA))], { headers: headers({ [SYNC_HEADERS.clock]: String(Date.now() + MAX_DRIFT_MS + 60_000) }) });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'clock-ahead', serverTime: expect.any(Number) } });
    expect(await records()).toEqual([]);
    const stampedAhead = { ...createPatron(patron('p2', branchA)), hlc: hlc(Date.now() + MAX_DRIFT_MS + 60_000) };
    expect((await push(deskA, [stampedAhead])).json<PushResponse>().results[0]).toMatchObject({ status: 'rejected', code: 'clock-ahead' });
  });

  it('tells too old and too new desks apart, and asks for the desk headers', async () => {
    const old = await push(deskA, [createPatron(patron('p1', branchA))], { headers: headers({ [SYNC_HEADERS.schema]: '0' }) });
    expect(old.statusCode).toBe(426);
    expect(old.json()).toMatchObject({ error: { code: 'upgrade-required', minSchema: 1 } });
    const future = await push(deskA, [createPatron(patron('p1', branchA))], { headers: headers({ [SYNC_HEADERS.schema]: String(SYNC_SCHEMA_VERSION + 1) }) });
    expect(future.json()).toMatchObject({ error: { code: 'server-too-old' } });
    const anonymousDesk = await as(app, deskA, { method: 'GET', url: '/api/sync/pull', headers: { [SYNC_HEADERS.schema]: '1' } });
    expect(anonymousDesk.statusCode).toBe(400);
    expect(anonymousDesk.json()).toMatchObject({ error: { code: 'bad-desk' } });
    expect(await records()).toEqual([]);
  });

  it('asks for a resync when the cursor is from another database or from the future', async () => {
    await push(deskA, [createPatron(patron('p1', branchA))]);
    const { cursor } = (await pull(deskA)).json<PullResponse>();
    const [epoch, seq] = cursor.split(':');
    for (const stale of [`00000000-0000-4000-8000-000000000000:${seq}`, `${epoch}:${Number(seq) + 5}`, 'garbage']) {
      const res = await pull(deskA, stale);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ error: { code: 'resync-required' } });
    }
  });

  it('answers any malformed push with a 4xx and a reason, never a 5xx, and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.json(), fc.record({ mutations: fc.array(fc.jsonValue(), { maxLength: 3 }) }), fc.record({ mutations: fc.array(fc.record({ id: fc.uuid(), kind: fc.constantFrom('edit', 'erase', 'x'), entity: fc.string(), recordId: fc.string(), branchId: fc.string(), hlc: fc.string(), fields: fc.dictionary(fc.string(), fc.jsonValue()) }), { maxLength: 3 }) })), async (body) => {
        const res = await as(app, deskA, { method: 'POST', url: '/api/sync/push', headers: { ...headers(), 'content-type': 'application/json' }, payload: typeof body === 'string' ? body : JSON.stringify(body) });
        if (res.statusCode === 200) {
          // A well-formed batch of nonsense is refused change by change.
          expect(res.json<PushResponse>().results.every((r) => r.status === 'rejected')).toBe(true);
        } else {
          expect(res.statusCode).toBeGreaterThanOrEqual(400);
          expect(res.statusCode).toBeLessThan(500);
          expect(res.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
        }
        expect(await records()).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a body over 1 MB with 413', async () => {
    const huge = createPatron(patron('p1', branchA, { howWeMet: 'x'.repeat(600_000) }));
    const res = await push(deskA, [huge, { ...huge, id: uuid() }]);
    expect(res.statusCode).toBe(413);
    expect(await records()).toEqual([]);
  });

  it('waits on close for pushes still being committed, so the database can be closed after it', async () => {
    let holding = false;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let held!: () => void;
    const holds = new Promise<void>((r) => (held = r));
    // Push transactions wait for the test's word once `holding` is set (logging in uses transactions too).
    const slow = new Proxy(database.db, {
      get(target, prop) {
        if (prop === 'transaction' && holding) {
          return async (...args: Parameters<Database['transaction']>) => {
            held();
            await released;
            return target.transaction(...args);
          };
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const closing = await buildTestApp(slow);
    const token = await loginAs(closing, 'dana');
    holding = true;
    const pushed = as(closing, token, { method: 'POST', url: '/api/sync/push', payload: { mutations: [createPatron(patron('p1', branchA))] }, headers: headers() });
    await holds;
    let closed = false;
    const closes = closing.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(closed).toBe(false);
    release();
    await closes;
    expect(await records()).toEqual([{ entity: 'patron', id: 'p1', erased: false }]);
    expect((await pushed).statusCode).toBe(200);
  });
});
