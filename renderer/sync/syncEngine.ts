import type { DeskDb } from '../db/deskDb';
import { pendingChanges } from './outboxRows';
import { syncOnce } from './syncOnce';
import { SyncRequestError, type SyncTransport } from './syncTransport';

/** What the desk shows about sync, in words staff understand (renderer/features/sync). */
export interface SyncStatus {
  /** 'offline': the last attempt could not reach the server; 'online': it could. */
  connection: 'unknown' | 'online' | 'offline';
  syncing: boolean;
  pending: number;
  rejected: number;
  lastSyncedAt?: number;
  /** A problem that needs a person (or explains a wait), newest only. */
  problem?: SyncProblem;
  /** A new desk's first pull. */
  firstSync?: { done: number; total?: number };
  nextAttemptAt?: number;
}

export type SyncProblem =
  | { code: 'clock-ahead'; message: string; aheadMs: number }
  | { code: 'upgrade-required' | 'server-too-old' | 'signed-out' | 'forbidden' | 'quota' | 'server' | 'network'; message: string };

export interface SyncEngineOptions {
  db: DeskDb;
  transport: SyncTransport;
  now?: () => number;
  onStatus?: (status: SyncStatus) => void;
  /**
   * After a local write, wait this long for more before pushing. None by default: the first
   * write goes at once (a note reaches the other desks in a blink, bench/RESULTS.md §11), and
   * writes made while that round runs go together in the round right after it.
   */
  debounceMs?: number;
  /** Fallback poll when no poke arrives. */
  pollMs?: number;
  maxBackoffMs?: number;
}

/**
 * Runs sync rounds when there is reason to: after local writes, on a poke, when
 * the network comes back, on wake and focus, and every minute as a fallback. Failures back off
 * (1 s doubling, capped at 60 s) and retry by themselves, so a queue drains when the network
 * returns without anyone typing again. Problems that need a person stop the retries until the
 * next trigger.
 */
export class SyncEngine {
  private readonly now: () => number;
  private status: SyncStatus = { connection: 'unknown', syncing: false, pending: 0, rejected: 0 };
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private failures = 0;
  private stopped = true;

  constructor(private readonly options: SyncEngineOptions) {
    this.now = options.now ?? Date.now;
  }

  start(): void {
    this.stopped = false;
    this.trigger(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  get current(): SyncStatus {
    return this.status;
  }

  /** Something happened that may mean work: a local write, a poke, the network, focus. */
  trigger(delayMs = this.options.debounceMs ?? 0): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), delayMs);
  }

  /** Runs one round now (tests, "Sync now"); resolves when it is over. */
  async syncNow(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.run();
  }

  private async run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.round().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        this.trigger(0);
      }
    });
    return this.running;
  }

  private async round(): Promise<void> {
    const { db, transport } = this.options;
    this.update({ syncing: true });
    try {
      const firstSync = (await db.syncState.get('cursor')) === undefined;
      await syncOnce(db, transport, {
        now: this.now,
        onProgress: (done, total) => this.update({ firstSync: { done, ...(total === undefined ? {} : { total }) } }),
      });
      this.failures = 0;
      const { problem: _p, nextAttemptAt: _n, firstSync: _f, ...rest } = this.status;
      this.status = { ...rest, connection: 'online', lastSyncedAt: this.now() };
      if (firstSync) this.update({});
      this.schedule(this.options.pollMs ?? 60_000);
    } catch (err) {
      this.onFailure(err);
    } finally {
      this.update({ syncing: false, pending: await pendingChanges(db), rejected: await db.syncRejected.count() });
    }
  }

  private onFailure(err: unknown): void {
    if (err instanceof SyncRequestError && !err.transient) {
      this.update({ connection: 'online', problem: problemOf(err, this.now()) });
      // A person must act (log in, fix the clock, update): try again only on the next trigger, or in a minute.
      this.schedule(this.options.pollMs ?? 60_000);
      return;
    }
    if (isQuotaError(err)) {
      this.update({ problem: { code: 'quota', message: 'This computer has run out of space for the diary; free some disk space' } });
      this.schedule(this.options.pollMs ?? 60_000);
      return;
    }
    this.failures++;
    const delay = Math.min(this.options.maxBackoffMs ?? 60_000, 1000 * 2 ** (this.failures - 1));
    const network = err instanceof SyncRequestError && err.kind === 'network';
    this.update({
      connection: network ? 'offline' : 'online',
      problem: network
        ? { code: 'network', message: 'Working offline: changes are kept on this desk and sent when the server can be reached' }
        : { code: 'server', message: 'The server had a problem; trying again shortly' },
      nextAttemptAt: this.now() + delay,
    });
    this.schedule(delay);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), delayMs);
  }

  private update(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    this.options.onStatus?.(this.status);
  }
}

/**
 * IndexedDB's "disk full": a DOMException named QuotaExceededError, or Dexie's error of that
 * name wrapping it. Told by name, not `instanceof Error`: a DOMException from another realm
 * (a test's DOM, a worker) is not an instance of this realm's Error.
 */
function isQuotaError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { name, message, inner } = err as { name?: unknown; message?: unknown; inner?: unknown };
  if (name === 'QuotaExceededError') return true;
  if (typeof message === 'string' && /quota/i.test(message)) return true;
  return inner !== undefined && inner !== err && isQuotaError(inner);
}

function problemOf(err: SyncRequestError, now: number): SyncProblem {
  const message = err.body?.error.message ?? err.message;
  switch (err.code) {
    case 'clock-ahead':
      return { code: 'clock-ahead', message, aheadMs: err.body?.error.serverTime === undefined ? 0 : now - err.body.error.serverTime };
    case 'upgrade-required':
    case 'server-too-old':
      return { code: err.code, message };
  }
  if (err.status === 401) return { code: 'signed-out', message: `${message}. Changes are kept on this desk until someone logs in.` };
  if (err.status === 403) return { code: 'forbidden', message };
  return { code: 'server', message };
}
