import { liveQuery, type Subscription } from 'dexie';
import { activeClaim } from '@shared/followups/foldFollowUp';
import type { DeskHost } from '@shared/host/deskHost';
import type { DeskDb } from '../../db/deskDb';
import { nextDueAfter, openFollowUpsDueBy, type FollowUpWithState } from '../../db/followUpsRepo';
import {
  describeReminder, MAX_SEPARATE_POPUPS, shouldPopUp, SUMMARY_NOTIFICATION_ID, summaryNotification, toNotification, type RaisedReminder,
} from './dueReminders';

/** The longest a timer is armed for: long timers drift across sleep and clock changes. */
export const MAX_TIMER_MS = 60 * 60 * 1000;

/**
 * How often the clock watchdog looks at the wall clock. Timers count monotonic time, which
 * stands still while a laptop sleeps and ignores a changed system clock; a wall-clock jump
 * bigger than WATCHDOG_SLACK_MS between two ticks means "woke up" or "clock changed".
 */
export const WATCHDOG_MS = 60 * 1000;
export const WATCHDOG_SLACK_MS = 30 * 1000;

export interface ReminderServiceDeps {
  db: DeskDb;
  host: DeskHost;
  now: () => number;
  /** Who is at the desk now (reminders assigned to someone else stay quiet here). */
  me: () => string | null;
  deskId: () => string;
  /** Called with the reminders on screen after every change (drives the in-app toasts). */
  onRaised: (raised: RaisedReminder[]) => void;
}

/**
 * Raises follow-ups when they come due. One timer, armed for the earliest due item (at
 * most an hour ahead), and a live query over what is due now, so a new, snoozed, done
 * or claimed follow-up re-evaluates at once — never a polling loop over all reminders.
 * At start everything already due (e.g. while the PC was off) is raised as overdue.
 */
export class ReminderService {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private subscription: Subscription | undefined;
  private raised = new Map<string, RaisedReminder>();
  private stopped = true;
  /** Reconciliations run one at a time, so a timer and a data change never notify twice. */
  private chain: Promise<void> = Promise.resolve();
  /** How many timers are armed right now (0 or 1); the benchmark reports it. */
  armedTimers = 0;

  constructor(private readonly deps: ReminderServiceDeps) {}

  start(): void {
    this.stopped = false;
    const { db, now } = this.deps;
    this.subscription = liveQuery(async () => ({
      due: await openFollowUpsDueBy(db, now()),
      next: await nextDueAfter(db, now()),
    })).subscribe({
      next: ({ due, next }) => void this.enqueue(() => this.reconcile(due, next)),
      error: (err: unknown) => console.error('reminder query failed', err),
    });
    let last = now();
    this.watchdog = setInterval(() => {
      const at = now();
      if (Math.abs(at - last - WATCHDOG_MS) > WATCHDOG_SLACK_MS) void this.check();
      last = at;
    }, WATCHDOG_MS);
  }

  stop(): void {
    this.stopped = true;
    this.subscription?.unsubscribe();
    if (this.watchdog !== undefined) clearInterval(this.watchdog);
    this.disarm();
  }

  /** Re-evaluates now: on the timer, on wake, on focus, when the staff member changes. */
  check(): Promise<void> {
    return this.enqueue(async () => {
      const { db, now } = this.deps;
      const at = now();
      await this.reconcile(await openFollowUpsDueBy(db, at), await nextDueAfter(db, at));
    });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(task).catch((err: unknown) => console.error('reminder check failed', err));
    return this.chain;
  }

  private async reconcile(due: FollowUpWithState[], next: number | undefined): Promise<void> {
    if (this.stopped) return;
    const { db, host, now, me, deskId } = this.deps;
    const at = now();
    const wanted = due.filter((item) => shouldPopUp(item, me(), deskId(), at));
    const patrons = await db.patrons.bulkGet(wanted.map((w) => w.followUp.patronId));
    const fresh = new Map(wanted.map((item, i) => [item.followUp.id, describeReminder(item, patrons[i], at)]));
    for (const [id, old] of this.raised) {
      if (!fresh.has(id)) await host.withdrawNotification(id);
      else if (fresh.get(id)?.dueAt === old.dueAt) fresh.set(id, old);
    }
    const newlyDue = [...fresh.entries()].filter(([id, r]) => this.raised.get(id)?.dueAt !== r.dueAt).map(([, r]) => r);
    if (newlyDue.length > MAX_SEPARATE_POPUPS) {
      // After a weekend off, fifty popups help nobody: one summary, and the cards in the app.
      await host.notify(summaryNotification(newlyDue));
    } else {
      for (const reminder of newlyDue) await host.notify(toNotification(reminder));
    }
    if (fresh.size === 0) await host.withdrawNotification(SUMMARY_NOTIFICATION_ID);
    this.raised = fresh;
    await host.setBadgeCount(fresh.size);
    this.deps.onRaised([...fresh.values()].sort((a, b) => a.dueAt - b.dueAt));
    // Another desk's claim hides a due reminder only until it lapses: wake up then too.
    const claimEnds = due.flatMap((item) => activeClaim(item.state, at)?.until ?? []);
    this.arm(claimEnds.length > 0 ? Math.min(next ?? Infinity, ...claimEnds) : next, at);
  }

  private arm(next: number | undefined, at: number): void {
    this.disarm();
    const delay = Math.min(next === undefined ? MAX_TIMER_MS : Math.max(next - at, 0), MAX_TIMER_MS);
    this.armedTimers = 1;
    this.timer = setTimeout(() => {
      this.armedTimers = 0;
      void this.check();
    }, delay);
  }

  private disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedTimers = 0;
  }
}
