import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Dashboard } from '@shared/log/logSummary';
import { describeEachDatabase } from '../test/testDatabases';
import { as, buildTestApp, loginAs, seedBranch, seedStaff } from '../test/testApp';
import { event, followUp, patron, pushAll, pushEvent, pushFollowUp, pushNote, pushPatron, stampAt } from '../test/logFixtures';

const utc = (iso: string) => Date.parse(iso);

/** The dashboard's figures for a small, hand-made history, read through real pushes. */
describeEachDatabase('log dashboard', (database) => {
  let app: FastifyInstance;
  let manager: string;
  let dashboard: Dashboard;

  beforeAll(async () => {
    app = await buildTestApp(database.db);
    await database.reset();
    await database.db.query('INSERT INTO sync_epoch DEFAULT VALUES ON CONFLICT DO NOTHING');
    const branch = await seedBranch(database.db, 'Central');
    await seedStaff(database.db, { username: 'mo', role: 'manager', branchIds: [branch] });
    manager = await loginAs(app, 'mo');

    const stage = (stageId: string, at: string) => ({ stageId, label: stageId, set: stampAt(utc(at)) });
    const p1 = patron('p1', branch, { stageHistory: [stage('tryer', '2025-12-01T10:00:00Z'), stage('buyer', '2026-01-06T10:00:00Z'), stage('advocate', '2026-01-08T10:00:00Z')] });
    const p2 = patron('p2', branch, { stageHistory: [stage('tryer', '2026-01-07T10:00:00Z')] });
    const summer = { kind: 'campaign' as const, campaignId: 'c1', name: 'We miss you' };
    // f1: campaign, reached 30 min after creation (Sunday evening in New York, Monday in UTC), p1 came back.
    const f1 = followUp('f1', 'p1', branch, { source: summer, created: stampAt(utc('2026-01-12T02:30:00Z')) });
    // f2: campaign, first tried 90 min after creation, still open and overdue.
    const f2 = followUp('f2', 'p2', branch, { source: summer, channel: 'email', created: stampAt(utc('2026-01-02T09:00:00Z')), firstDueAt: utc('2026-01-03T09:00:00Z') });
    // f3: manual, done by email in the first week; not due any more.
    const f3 = followUp('f3', 'p2', branch, { channel: 'email', created: stampAt(utc('2026-01-01T12:00:00Z')) });
    await pushAll(app, manager, [
      pushPatron(p1), pushPatron(p2), pushFollowUp(f1), pushFollowUp(f2), pushFollowUp(f3),
      pushEvent(event('e1', f1, { type: 'done', outcome: 'reached', comment: '' }, utc('2026-01-12T03:00:00Z'))),
      pushEvent(event('e2', f2, { type: 'attempted', outcome: 'no-answer', comment: '' }, utc('2026-01-02T10:30:00Z'))),
      pushEvent(event('e3', f3, { type: 'done', outcome: 'emailed', comment: '' }, utc('2026-01-02T12:00:00Z'))),
      pushNote('n1', 'p1', branch, utc('2026-01-13T09:00:00Z')),
      // Written before f2 was created: p2 did not "come back".
      pushNote('n2', 'p2', branch, utc('2026-01-01T09:00:00Z')),
    ]);
    const res = await as(app, manager, { method: 'GET', url: '/api/log/dashboard?tz=America/New_York&from=2026-01-01T05:00:00Z&to=2026-01-19T05:00:00Z' });
    expect(res.statusCode, res.body).toBe(200);
    dashboard = res.json<Dashboard>();
  });
  afterAll(() => app.close());

  it('counts dones per week, weeks starting on Monday in the requested zone, empty weeks included', () => {
    expect(dashboard.timeZone).toBe('America/New_York');
    expect(dashboard.donePerWeek).toEqual([
      { weekStart: '2025-12-29', count: 1 },
      { weekStart: '2026-01-05', count: 1 },
      { weekStart: '2026-01-12', count: 0 },
    ]);
  });

  it('breaks attempts and dones down by channel and outcome', () => {
    expect(dashboard.outcomesByChannel).toEqual([
      { channel: 'email', outcome: 'emailed', count: 1 },
      { channel: 'email', outcome: 'no-answer', count: 1 },
      { channel: 'phone', outcome: 'reached', count: 1 },
    ]);
  });

  it('counts open follow-ups past due now, and the median time to first contact', () => {
    expect(dashboard.overdueNow).toBe(1);
    expect([dashboard.medianMinutesToFirstContact, dashboard.firstContactCount]).toEqual([90, 3]);
  });

  it('reports campaigns: follow-ups, patrons reached, patrons who came back', () => {
    expect(dashboard.campaigns).toEqual([{ campaignId: 'c1', name: 'We miss you', followUps: 2, reached: 1, cameBack: 1 }]);
  });

  it('counts moves on the ladder made in the period, from the stage before', () => {
    expect(dashboard.stageMoves).toEqual([
      { from: null, to: 'tryer', count: 1 },
      { from: 'buyer', to: 'advocate', count: 1 },
      { from: 'tryer', to: 'buyer', count: 1 },
    ]);
  });
});
