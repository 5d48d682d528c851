import { subMonths } from 'date-fns';
import { isDoNotContact } from '../../shared/followups/channelRules';
import type { DeskHost, DeskNotification } from '../../shared/host/deskHost';
import { createCampaign } from '../../renderer/db/campaignsRepo';
import { findPatronsNotSeen, patronsInOrder } from '../../renderer/db/notSeenRepo';
import { DEFAULT_DB_NAME, DeskDb } from '../../renderer/db/deskDb';
import { createFollowUps } from '../../renderer/db/followUpsRepo';
import type { WriteContext } from '../../renderer/db/writeContext';
import { ReminderService, WATCHDOG_MS } from '../../renderer/features/reminders/reminderService';
import { BENCH_BRANCH } from '../generator/generate';
import type { MissYouResult, ReminderIdleResult, ReminderLatenessResult } from '../shared/protocol';

/**
 * Issue 3's benchmarks, in the page (same origin as the app, so the seeded 'desk-diary'),
 * with the app's own modules: "we miss you" (findPatronsNotSeen, patronsInOrder,
 * createFollowUps, createCampaign) and the ReminderService with a stub host. The seed has
 * no follow-ups; every step empties both follow-up tables before and after, so reruns start
 * from the same database.
 */
const ctx = (): WriteContext => ({ staff: 'Bench', deskId: 'bench-desk', deskName: 'Bench desk', branchId: BENCH_BRANCH, now: () => Date.now() });
const DAY = 86_400_000;
/** The "we miss you" page's page size. */
const PAGE = 200;

async function withDb<T>(run: (db: DeskDb) => Promise<T>): Promise<T> {
  const db = new DeskDb(DEFAULT_DB_NAME);
  await db.open();
  try {
    return await run(db);
  } finally {
    db.close();
  }
}

/**
 * Drops every follow-up and follow-up event (the seed writes none), and the outbox rows the
 * writes queued. Bench housekeeping, not a desk's edit: the transaction names `syncState`,
 * which the outbox middleware lets through as it does pulled records (it refuses hard
 * deletes of synced rows from the app).
 */
async function clearFollowUps(db: DeskDb): Promise<void> {
  await db.transaction('rw', [db.followUps, db.followUpEvents, db.outbox, db.syncState], async () => {
    await db.followUps.clear();
    await db.followUpEvents.clear();
    await db.outbox.clear();
  });
}

const input = (patronId: string, dueAt: number, reason: string) => ({
  patronId,
  reason,
  dueAt,
  channel: 'phone',
  // Some seeded patrons carry flags that forbid phoning; a campaign would say why.
  overrideReason: 'Bench campaign',
  assignee: { kind: 'queue' },
  source: { kind: 'campaign', campaignId: 'bench-we-miss-you', name: 'We miss you (bench)' },
});

/** The way "we miss you" listed before: every qualifying row read whole, do-not-contact filtered in JS. */
async function fullRead(db: DeskDb, now: number): Promise<string[]> {
  const rows = await db.patrons.where('lastContactAt').below(subMonths(now, 12).getTime()).toArray();
  return rows.filter((p) => !isDoNotContact(p, now)).map((p) => p.id);
}

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * `rounds` × (list patrons not seen for 12 months as the page does: the first 200 rows, then
 * every id (the count), then the next 200 rows; create `create` follow-ups for them with createFollowUps, then
 * with createCampaign, deleting them after each), plus the old full-row read once.
 */
export async function missYou(rounds: number, create: number): Promise<MissYouResult> {
  return withDb(async (db) => {
    await clearFollowUps(db);
    const now = Date.now();
    const r: Omit<MissYouResult, 'patrons' | 'qualified' | 'sameAsFullRead' | 'created' | 'fullReadMs' | 'campaignCreated'> = {
      listMs: [], countMs: [], nextPageMs: [], createMs: [], campaignMs: [],
    };
    let ids: string[] = [];
    let campaignCreated = 0;
    const patrons = await db.patrons.count();
    for (let round = 0; round < rounds; round++) {
      let t0 = performance.now();
      const found = findPatronsNotSeen(db, 12, now, PAGE);
      const firstPage = await found.firstPage;
      r.listMs.push(performance.now() - t0);
      ids = await found.ids;
      r.countMs.push(performance.now() - t0);
      if (!sameIds(firstPage.map((p) => p.id), ids.slice(0, PAGE))) throw new Error('the first page is not the start of the ids');
      t0 = performance.now();
      await patronsInOrder(db, ids.slice(PAGE, 2 * PAGE));
      r.nextPageMs.push(performance.now() - t0);

      const chosen = ids.slice(0, create);
      const inputs = chosen.map((id, i) => input(id, now + DAY + i * 60_000, 'We miss you: call to say hello'));
      t0 = performance.now();
      await createFollowUps(db, ctx(), inputs);
      r.createMs.push(performance.now() - t0);
      await clearFollowUps(db);
      t0 = performance.now();
      campaignCreated = (await createCampaign(db, ctx(), { name: 'We miss you (bench)', dueAt: now + DAY, message: 'Hello again', patronIds: chosen })).created;
      r.campaignMs.push(performance.now() - t0);
      await clearFollowUps(db);
    }
    const t0 = performance.now();
    const before = await fullRead(db, now);
    const fullReadMs = performance.now() - t0;
    return { ...r, patrons, qualified: ids.length, sameAsFullRead: sameIds(ids, before), created: Math.min(create, ids.length), fullReadMs, campaignCreated };
  });
}

interface Running {
  db: DeskDb;
  service: ReminderService;
  notified: Array<{ id: string; at: number }>;
  firstRaised: Map<string, number>;
  nearDue: Map<string, number>;
  whereCalls: number;
  raisedCalls: number;
  longTasks: number[];
  observer?: PerformanceObserver;
  setupMs: number;
  pending: number;
}
let running: Running | undefined;

function stubHost(r: Pick<Running, 'notified'>): DeskHost {
  return {
    appInfo: () => Promise.resolve({ name: 'bench', version: '0', host: 'web', platform: 'bench' }),
    notify: (n: DeskNotification) => {
      r.notified.push({ id: n.id, at: Date.now() });
      return Promise.resolve();
    },
    withdrawNotification: () => Promise.resolve(),
    saveFile: () => Promise.resolve({ saved: false, reason: 'cancelled' }),
    getSecret: () => Promise.resolve(undefined),
    setSecret: () => Promise.resolve(),
    deleteSecret: () => Promise.resolve(),
    setBadgeCount: () => Promise.resolve(),
    onNotificationClick: () => () => undefined,
  };
}

/**
 * Writes `pending` follow-ups due over the next `spreadDays` days (from one hour ahead) and
 * `near` due 2–10 s from now (createFollowUps, one call), then starts the app's
 * ReminderService with a host stub that records when each popup was asked for.
 */
export async function startReminders(pending: number, near: number, spreadDays: number): Promise<{ setupMs: number; nearDueFirstInS: number; nearDueLastInS: number }> {
  if (running) throw new Error('reminders already running');
  const db = new DeskDb(DEFAULT_DB_NAME);
  await db.open();
  await clearFollowUps(db);
  const ids = (await db.patrons.limit(pending + near).primaryKeys()) as string[];
  if (ids.length < pending + near) throw new Error(`need ${pending + near} patrons, the database has ${ids.length}`);
  const t0 = performance.now();
  const now = Date.now();
  const later = ids.slice(0, pending).map((id, i) => input(id, now + 3_600_000 + Math.floor((i / pending) * spreadDays * DAY), 'Pending (bench)'));
  await createFollowUps(db, ctx(), later);
  // The near-due ones last, so their due times are counted from after the big write.
  const soon = Date.now();
  const nearInputs = ids.slice(pending).map((id, i) => input(id, soon + 2000 + Math.round((i / Math.max(near - 1, 1)) * 8000), 'Near due (bench)'));
  const created = await createFollowUps(db, ctx(), nearInputs);
  const setupMs = performance.now() - t0;
  const nearDue = new Map(created.map((f) => [f.id, f.firstDueAt]));

  const notified: Running['notified'] = [];
  const firstRaised = new Map<string, number>();
  const r: Running = { db, service: undefined as unknown as ReminderService, notified, firstRaised, nearDue, whereCalls: 0, raisedCalls: 0, longTasks: [], setupMs, pending };
  // Every query the service makes goes through db.followUps.where (openFollowUpsDueBy, nextDueAfter).
  const table = db.followUps;
  const where = table.where.bind(table);
  table.where = ((...args: Parameters<typeof where>) => {
    r.whereCalls++;
    return where(...args);
  }) as typeof table.where;
  r.service = new ReminderService({
    db,
    host: stubHost(r),
    now: () => Date.now(),
    me: () => 'Bench',
    deskId: () => 'bench-desk',
    onRaised: (raised) => {
      r.raisedCalls++;
      const at = Date.now();
      for (const x of raised) if (!firstRaised.has(x.followUpId)) firstRaised.set(x.followUpId, at);
    },
  });
  r.service.start();
  running = r;
  const dues = [...nearDue.values()];
  return { setupMs, nearDueFirstInS: (Math.min(...dues) - Date.now()) / 1000, nearDueLastInS: (Math.max(...dues) - Date.now()) / 1000 };
}

/** Popup lateness of the near-due follow-ups (notify time − due time). */
export function reminderLateness(): ReminderLatenessResult {
  const r = running;
  if (!r) throw new Error('reminders not running');
  const byId = new Map<string, number>();
  for (const n of r.notified) if (!byId.has(n.id)) byId.set(n.id, n.at);
  const latenessMs: number[] = [];
  let viaSummary = 0;
  let missing = 0;
  for (const [id, dueAt] of r.nearDue) {
    const at = byId.get(id) ?? r.firstRaised.get(id);
    if (!byId.has(id) && r.firstRaised.has(id)) viaSummary++;
    if (at === undefined) missing++;
    else latenessMs.push(at - dueAt);
  }
  return {
    pending: r.pending,
    near: r.nearDue.size,
    setupMs: r.setupMs,
    latenessMs,
    viaSummary,
    missing,
    notifyCalls: r.notified.length,
    armedTimers: r.service.armedTimers,
    watchdogMs: WATCHDOG_MS,
    queriesSoFar: r.whereCalls,
  };
}

/**
 * Deletes the near-due follow-ups (so nothing is due: the service withdraws them and re-arms
 * for the hour-ahead ones), then starts counting queries, reconciliations and long tasks.
 */
export async function beginIdle(): Promise<{ armedTimers: number }> {
  const r = running;
  if (!r) throw new Error('reminders not running');
  const ids = [...r.nearDue.keys()];
  // Names syncState: bench housekeeping passes the outbox middleware (see clearFollowUps).
  await r.db.transaction('rw', [r.db.followUps, r.db.followUpEvents, r.db.syncState], async () => {
    await r.db.followUps.bulkDelete(ids);
    await r.db.followUpEvents.where('followUpId').anyOf(ids).delete();
  });
  await r.service.check();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  r.whereCalls = 0;
  r.raisedCalls = 0;
  r.longTasks = [];
  r.observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) r.longTasks.push(e.duration);
  });
  r.observer.observe({ type: 'longtask', buffered: false });
  return { armedTimers: r.service.armedTimers };
}

export function endIdle(): ReminderIdleResult {
  const r = running;
  if (!r) throw new Error('reminders not running');
  r.observer?.disconnect();
  return { queries: r.whereCalls, reconciliations: r.raisedCalls, longTasks: r.longTasks.length, longTaskMs: r.longTasks.reduce((s, x) => s + x, 0), armedTimers: r.service.armedTimers };
}

/** Stops the service and deletes every follow-up it was given. */
export async function stopReminders(): Promise<void> {
  const r = running;
  running = undefined;
  if (!r) return;
  r.service.stop();
  await clearFollowUps(r.db);
  r.db.close();
}
