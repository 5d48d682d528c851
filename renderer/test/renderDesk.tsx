import { render, type RenderResult } from '@testing-library/react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import type { FollowUp } from '@shared/followups/followUp';
import type { FollowUpInput } from '@shared/followups/followUpInput';
import { EMPTY_PATRON_DETAILS, type Patron, type PatronDetailsInput } from '@shared/domain/patron';
import { DeskError } from '@shared/errors/deskError';
import type { DeskHost } from '@shared/host/deskHost';
import { DeskProvider, useDesk, type DeskServices } from '../app/deskContext';
import { createDeskStore } from '../app/store';
import { ToastRegion } from '../app/Toast';
import { DeskDb } from '../db/deskDb';
import { ensureDesk } from '../db/deskMeta';
import { createFollowUp } from '../db/followUpsRepo';
import { createPatron } from '../db/patronsRepo';
import type { WriteContext } from '../db/writeContext';
import { PatronPage } from '../features/patrons/PatronPage';

let dbCounter = 0;

/** A DeskHost whose every method is a spy; nothing leaves the test. */
export function fakeHost(): DeskHost {
  return {
    appInfo: vi.fn(async () => ({ name: 'Desk Diary', version: 'test', host: 'web' as const, platform: 'test' })),
    notify: vi.fn(async () => undefined),
    withdrawNotification: vi.fn(async () => undefined),
    saveFile: vi.fn(async () => ({ saved: false as const, reason: 'cancelled' as const })),
    getSecret: vi.fn(async () => undefined),
    setSecret: vi.fn(async () => undefined),
    deleteSecret: vi.fn(async () => undefined),
    setBadgeCount: vi.fn(async () => undefined),
    onNotificationClick: vi.fn(() => () => undefined),
  };
}

/** A fresh, empty desk database (its own name, so tests never share data). */
export function freshDb(): DeskDb {
  dbCounter += 1;
  return new DeskDb(`desk-diary-test-${dbCounter}-${Math.random().toString(36).slice(2)}`);
}

/** Services for a desk with a signed-in staff member and a fixed clock. */
export async function deskServices(opts: { staff?: string; now?: number } = {}): Promise<DeskServices> {
  const db = freshDb();
  const store = createDeskStore(`desk-diary.session.${db.name}`);
  const desk = await ensureDesk(db);
  store.getState().setDesk({ ...desk, name: 'Front desk' });
  store.getState().setStaff(opts.staff ?? 'Anna');
  const now = opts.now ?? Date.parse('2026-11-20T10:00:00Z');
  return { db, host: fakeHost(), store, now: () => now };
}

/** The write context a component would use, for arranging data before rendering. */
export function writeContextOf(services: DeskServices): WriteContext {
  const { staff, desk } = services.store.getState();
  return { staff: staff ?? 'Anna', deskId: desk?.id ?? 'd', deskName: desk?.name ?? 'Front desk', branchId: desk?.branchId ?? 'local', now: services.now };
}

export function renderWithDesk(ui: ReactNode, services: DeskServices): RenderResult {
  return render(<DeskProvider services={services}>{ui}</DeskProvider>);
}

/** Complete patron details for arranging data; override only what the test is about. */
export function patronDetails(overrides: Partial<PatronDetailsInput> = {}): PatronDetailsInput {
  return { ...EMPTY_PATRON_DETAILS, firstName: 'Ada', lastName: 'Lovelace', ...overrides };
}

/** Stores a patron as the desk would (validated, stamped, search terms built). */
export function arrangePatron(services: DeskServices, overrides: Partial<PatronDetailsInput> = {}): Promise<Patron> {
  return createPatron(services.db, writeContextOf(services), patronDetails(overrides));
}

/** A write context whose clock reads `offsetMs` from the fixed clock (e.g. -3_600_000 for an hour earlier). */
export function writeContextAt(services: DeskServices, offsetMs: number, staff?: string): WriteContext {
  const at = services.now() + offsetMs;
  return { ...writeContextOf(services), ...(staff ? { staff } : {}), now: () => at };
}

/** A patron's page as the shell shows it, with the toast region (for Undo). */
export function renderPatronPage(services: DeskServices, id: string): RenderResult {
  return renderWithDesk(
    <>
      <PatronPage id={id} />
      <ToastRegion />
    </>,
    services,
  );
}

/** The error a promise rejects with; fails the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<DeskError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof DeskError) return err;
    throw err;
  }
  throw new Error('expected the promise to reject');
}

/**
 * Options for describe() blocks that drive the UI: many keystrokes, each re-rendering a page,
 * can pass vitest's 5 s default on a loaded two-core CI machine.
 */
export const UI_TEST = { timeout: 20_000 };

function LivePatron({ id, children }: { id: string; children: (patron: Patron) => ReactNode }) {
  const { db } = useDesk();
  const patron = useLiveQuery(() => db.patrons.get(id), [db, id]);
  return patron ? <>{children(patron)}</> : null;
}

/** Renders one patron panel (fed the live stored patron, as PatronPage does) with the toast region. */
export function renderWithPatron(services: DeskServices, id: string, panel: (patron: Patron) => ReactNode): RenderResult {
  return renderWithDesk(
    <>
      <LivePatron id={id}>{panel}</LivePatron>
      <ToastRegion />
    </>,
    services,
  );
}

/** Stores a follow-up for a patron (phone, desk queue, due at the desk clock unless overridden). */
export function arrangeFollowUp(services: DeskServices, patronId: string, overrides: Partial<FollowUpInput> = {}, ctx = writeContextOf(services)): Promise<FollowUp> {
  return createFollowUp(services.db, ctx, {
    patronId, reason: 'Book due back', dueAt: services.now(), channel: 'phone', assignee: { kind: 'queue' }, ...overrides,
  });
}

/*
 * Fake timers next to Dexie and fake-indexeddb (vitest 4, jsdom, forks pool), as measured:
 * - fake-indexeddb runs every request and transaction step on Node's setImmediate (it
 *   reaches past jsdom for it) and Dexie's promises run on queueMicrotask. Faking either —
 *   vi.useFakeTimers() with no options fakes setImmediate — makes the first query hang;
 *   faking nextTick is refused in the forks pool.
 * - Faking only setTimeout, clearTimeout and Date works. Dexie's liveQuery then needs the
 *   fake clock for its first run and for change signals (both setTimeout(0)), so a test
 *   settles with a real setImmediate turn followed by advanceTimersByTimeAsync(0), which
 *   fires zero-delay fakes without moving the clock.
 */
export const DEXIE_SAFE_FAKE_TIMERS = { toFake: ['setTimeout', 'clearTimeout', 'Date'] } satisfies Parameters<typeof vi.useFakeTimers>[0];

/** Node's setImmediate (never faked here; the renderer's types leave Node out). */
const nodeSetImmediate = (globalThis as unknown as { setImmediate: (callback: () => void) => unknown }).setImmediate;

/** Lets IndexedDB work and zero-delay (fake) timers run, `rounds` times, without moving the fake clock. */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i += 1) {
    await new Promise<void>((resolve) => nodeSetImmediate(resolve));
    await vi.advanceTimersByTimeAsync(0);
  }
}

/** Settles until `done()` holds; fails naming `what` if it never does. */
export async function settleUntil(done: () => boolean, what: string, maxRounds = 300): Promise<void> {
  for (let i = 0; i < maxRounds; i += 1) {
    if (done()) return;
    await settle(1);
  }
  throw new Error(`never happened: ${what}`);
}

/** A stored row as the repositories see it: without the sync engine's field clocks. */
export function withoutSyncMeta<T>(row: T): T {
  if (!row || typeof row !== 'object') return row;
  const { _clocks: _c, _clockGroups: _g, _extra: _e, ...rest } = row as T & { _clocks?: unknown; _clockGroups?: unknown; _extra?: unknown };
  return rest as T;
}
