import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { LogPage } from '@shared/log/logApi';
import { describeEachDatabase } from '../test/testDatabases';
import { as, buildTestApp, loginAs, seedBranch, seedStaff } from '../test/testApp';
import { eraseMutation, event, followUp, patron, pushAll, pushEvent, pushFollowUp, pushNote, pushPatron } from '../test/logFixtures';
import { loadMigrations } from '../db/migrate';
import { backfillCreatedEntries, backfillLog } from './backfillLog';

/** The log projection, driven only through real sync pushes, read back through GET /api/log/entries. */
describeEachDatabase('log projection', (database) => {
  let app: FastifyInstance;
  let branch: string;
  let desk: string;
  let manager: string;

  const entries = async (token = manager, query = 'sort=at&dir=asc') => (await as(app, token, { method: 'GET', url: `/api/log/entries?${query}` })).json<LogPage>().entries;
  const state = async (id: string) => (await database.db.query('SELECT status, due_at, first_contact_at, reached FROM log_follow_ups WHERE follow_up_id = $1', [id])).rows[0];

  beforeAll(async () => {
    app = await buildTestApp(database.db);
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    await database.reset();
    await database.db.query('INSERT INTO sync_epoch DEFAULT VALUES ON CONFLICT DO NOTHING');
    branch = await seedBranch(database.db, 'Central');
    await seedStaff(database.db, { username: 'dana', role: 'desk', branchIds: [branch] });
    await seedStaff(database.db, { username: 'mo', role: 'manager', branchIds: [branch] });
    desk = await loginAs(app, 'dana');
    manager = await loginAs(app, 'mo');
  });

  it('writes an entry for an event that arrives before its follow-up, and fills it in when the follow-up comes', async () => {
    const p = patron('p1', branch, { title: 'Prof.', firstName: 'Émile', lastName: 'Zola' });
    const f = followUp('f1', 'p1', branch, { channel: 'email', source: { kind: 'campaign', campaignId: 'c1', name: 'We miss you' } });
    const done = event('e1', f, { type: 'done', outcome: 'reached', comment: 'Happy to hear from us' });
    await pushAll(app, desk, [pushPatron(p), pushEvent(done)]);
    expect(await entries()).toEqual([expect.objectContaining({ eventId: 'e1', patronName: 'Prof. Émile Zola', channel: null, campaignId: null, followUpCreatedAt: null, outcome: 'reached' })]);
    expect(await state('f1')).toBeUndefined();

    await pushAll(app, desk, [pushFollowUp(f)]);
    expect(await entries()).toEqual([
      // The follow-up is its own "created" entry, with its id.
      expect.objectContaining({ eventId: 'f1', type: 'created', at: f.created.at, staff: f.created.staff, patronName: 'Prof. Émile Zola', channel: 'email', campaignId: 'c1' }),
      expect.objectContaining({
        eventId: 'e1', channel: 'email', reason: 'Book due back', campaignId: 'c1', campaignName: 'We miss you', followUpCreatedAt: f.created.at, firstDueAt: f.firstDueAt,
      }),
    ]);
    expect(await state('f1')).toEqual({ status: 'done', due_at: null, first_contact_at: done.stamp.at, reached: true });
  });

  it('keeps a follow-up\'s state by the shared fold as events arrive', async () => {
    const f = followUp('f1', 'p1', branch);
    const snoozeUntil = Date.now() + 86_400_000;
    await pushAll(app, desk, [pushPatron(patron('p1', branch)), pushFollowUp(f), pushEvent(event('e1', f, { type: 'created' }, f.created.at))]);
    expect(await state('f1')).toEqual({ status: 'open', due_at: f.firstDueAt, first_contact_at: null, reached: false });
    await pushAll(app, desk, [pushEvent(event('e2', f, { type: 'attempted', outcome: 'no-answer', comment: '' })), pushEvent(event('e3', f, { type: 'snoozed', until: snoozeUntil }))]);
    expect(await state('f1')).toMatchObject({ status: 'open', due_at: snoozeUntil, reached: false });
    expect((await entries()).map((e) => [e.type, e.until])).toEqual([['created', null], ['attempted', null], ['snoozed', snoozeUntil]]);
  });

  it('shows the patron\'s name as it is now, and sorts by the new one', async () => {
    const f = followUp('f1', 'p1', branch);
    await pushAll(app, desk, [pushPatron(patron('p1', branch, { firstName: 'Ann', lastName: 'Adams' })), pushPatron(patron('p2', branch, { firstName: 'Bea', lastName: 'Brown' })), pushFollowUp(f)]);
    const g = followUp('f2', 'p2', branch);
    await pushAll(app, desk, [pushFollowUp(g), pushEvent(event('e1', f, { type: 'created' })), pushEvent(event('e2', g, { type: 'created' }))]);
    const byPatron = async () => (await entries(manager, 'sort=patron&dir=asc')).map((e) => e.patronName);
    expect(await byPatron()).toEqual(['Ann Adams', 'Bea Brown']);
    await pushAll(app, desk, [pushPatron(patron('p1', branch, { firstName: 'Ann', lastName: 'Ödegaard' }))]);
    expect(await byPatron()).toEqual(['Bea Brown', 'Ann Ödegaard']);
    expect((await database.db.query('SELECT patron_sort FROM log_entries WHERE patron_id = $1', ['p1'])).rows).toEqual([{ patron_sort: 'odegaard ann' }]);
  });

  it('keeps an erased patron\'s entries, anonymised', async () => {
    const f = followUp('f1', 'p1', branch, { reason: 'Ask about her late husband\'s books' });
    await pushAll(app, desk, [
      pushPatron(patron('p1', branch, { firstName: 'Iris', lastName: 'Quint' })), pushFollowUp(f),
      pushEvent(event('e1', f, { type: 'reassigned', to: { kind: 'staff', name: 'Ben' } })),
      pushEvent(event('e2', f, { type: 'done', outcome: 'reached', comment: 'She is moving to Leeds' })),
      pushNote('n1', 'p1', branch, Date.now() - 1000),
    ]);
    await pushAll(app, manager, [eraseMutation('p1', branch)]);
    const after = await entries();
    expect(after).toHaveLength(3);
    for (const e of after) expect(e).toMatchObject({ patronId: 'p1', patronName: null, comment: '', reason: null, assignedTo: null, staff: 'Ada' });
    expect(after.map((e) => [e.type, e.outcome])).toEqual([['created', null], ['reassigned', null], ['done', 'reached']]);
    expect((await database.db.query('SELECT DISTINCT patron_sort FROM log_entries')).rows).toEqual([{ patron_sort: null }]);
    expect(await state('f1')).toMatchObject({ status: 'erased' });
  });

  it('logs a follow-up as created once: from the follow-up, whether or not an earlier desk also sent a "created" event, in either order', async () => {
    const f = followUp('f1', 'p1', branch);
    const g = followUp('f2', 'p1', branch);
    await pushAll(app, desk, [pushPatron(patron('p1', branch)), pushEvent(event('legacy-f1', f, { type: 'created' }, f.created.at)), pushFollowUp(f)]);
    await pushAll(app, desk, [pushFollowUp(g)]);
    await pushAll(app, desk, [pushEvent(event('legacy-f2', g, { type: 'created' }, g.created.at))]);
    expect((await entries()).map((e) => [e.eventId, e.type, e.at])).toEqual([['f1', 'created', f.created.at], ['f2', 'created', g.created.at]]);
  });

  it('migration 0004 gives each follow-up one "created" entry with its id, keeping an erased patron\'s (anonymised)', async () => {
    const f = followUp('f1', 'p1', branch);
    const g = followUp('f2', 'p2', branch);
    await pushAll(app, desk, [
      pushPatron(patron('p1', branch)), pushPatron(patron('p2', branch, { firstName: 'Iris', lastName: 'Quint' })),
      pushFollowUp(f), pushFollowUp(g), pushEvent(event('e1', f, { type: 'claimed' })),
    ]);
    // The log as servers before 0004 kept it: entries for stored "created" events (f1 has two), none from the follow-ups.
    await database.db.query(`UPDATE log_entries SET event_id = 'legacy-' || event_id WHERE event_id IN ('f1', 'f2')`);
    const columns = (await database.db.query<{ c: string }>(`SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'log_entries' AND column_name <> 'event_id'`)).rows.map((r) => r.c).join(', ');
    await database.db.query(`INSERT INTO log_entries (event_id, ${columns}) SELECT 'legacy-f1-again', ${columns} FROM log_entries WHERE event_id = 'legacy-f1'`);
    // Iris is erased: her follow-up leaves sync_records; her log entries stay, anonymised.
    await pushAll(app, manager, [eraseMutation('p2', branch)]);
    const migration = loadMigrations().find((m) => m.version === 4)!;
    await database.db.transaction(async (tx) => {
      await tx.execScript(migration.sql);
      await backfillCreatedEntries(tx);
    });
    const after = await entries();
    expect(after.map((e) => [e.eventId, e.type])).toEqual([['f1', 'created'], ['f2', 'created'], ['e1', 'claimed']]);
    expect(after.find((e) => e.eventId === 'f2')).toMatchObject({ patronId: 'p2', patronName: null, followUpId: 'f2' });
  });

  it('backfills the log from sync records that existed before it, to the same rows', async () => {
    const f = followUp('f1', 'p1', branch);
    await pushAll(app, desk, [pushPatron(patron('p1', branch)), pushEvent(event('e0', f, { type: 'created' })), pushFollowUp(f), pushEvent(event('e1', f, { type: 'attempted', outcome: 'left-message', comment: 'x', retryAt: Date.now() + 5000 }))]);
    const dump = async () => ({
      entries: (await database.db.query('SELECT * FROM log_entries ORDER BY event_id')).rows,
      followUps: (await database.db.query('SELECT * FROM log_follow_ups ORDER BY follow_up_id')).rows,
    });
    const before = await dump();
    expect(before.entries).toHaveLength(2);
    await database.db.query('TRUNCATE log_entries, log_follow_ups');
    await database.db.transaction((tx) => backfillLog(tx));
    expect(await dump()).toEqual(before);
  });
});
