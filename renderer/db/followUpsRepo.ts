import type { z } from 'zod';
import { displayName, type Patron } from '@shared/domain/patron';
import type { Stamp } from '@shared/domain/stamp';
import { FLAG_LABELS } from '@shared/domain/flags';
import { DeskError, validationError } from '@shared/errors/deskError';
import { fieldIssuesFromZod, validationErrorFromZod } from '@shared/errors/zodIssues';
import { flagsForbidding } from '@shared/followups/channelRules';
import type { FollowUp } from '@shared/followups/followUp';
import { FollowUpEventBodySchema, type FollowUpEvent, type FollowUpEventBodyInput } from '@shared/followups/followUpEvents';
import { CONTACT_OUTCOMES, FollowUpInputSchema } from '@shared/followups/followUpInput';
import { foldFollowUp, pendingDueAtOf, type FollowUpState } from '@shared/followups/foldFollowUp';
import { eventsByFollowUp, logEventsOf } from '@shared/followups/followUpLog';
import type { DeskDb } from './deskDb';
import { newId } from './ids';
import { stampOf, type WriteContext } from './writeContext';

type FollowUpInputData = z.output<typeof FollowUpInputSchema>;

/** Checks what staff submitted; in a batch, every issue names the input it came from ("3.reason"). */
function parseInput(input: unknown, prefix: string): FollowUpInputData {
  const parsed = FollowUpInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(fieldIssuesFromZod(parsed.error).map((i) => ({ ...i, field: `${prefix}${i.field}` })));
  return parsed.data;
}

/**
 * Checks a parsed follow-up against its stored patron (flags that forbid the channel need a
 * reason) and builds its row. The row is also its "created" log entry (createdEventOf).
 */
function buildFollowUp(stamp: Stamp, patron: Patron | undefined, data: FollowUpInputData, prefix: string): FollowUp {
  if (!patron) throw validationError([{ field: `${prefix}patronId`, message: 'This patron is not on this desk' }]);
  const forbidding = flagsForbidding(data.channel, patron.flags, stamp.at);
  if (forbidding.length > 0 && data.overrideReason === '') {
    const flags = forbidding.map((f) => `${FLAG_LABELS[f.kind]}${f.reason ? ` (${f.reason})` : ''}`).join(', ');
    throw validationError([
      { field: `${prefix}overrideReason`, message: `${displayName(patron)} is flagged ${flags}. Say why to use ${data.channel} anyway, or pick another channel.` },
    ]);
  }
  const followUp: FollowUp = {
    id: newId(),
    patronId: patron.id,
    branchId: patron.branchId,
    reason: data.reason,
    channel: data.channel,
    firstDueAt: data.dueAt,
    assignee: data.assignee,
    source: data.source,
    message: data.message,
    created: stamp,
    pendingDueAt: data.dueAt,
    ...(data.recurrence ? { recurrence: data.recurrence } : {}),
    ...(forbidding.length > 0 ? { channelOverride: { flagKinds: forbidding.map((f) => f.kind), reason: data.overrideReason } } : {}),
  };
  return followUp;
}

/** Creates one follow-up (which is its own "created" log entry). */
export async function createFollowUp(db: DeskDb, ctx: WriteContext, input: unknown): Promise<FollowUp> {
  const data = parseInput(input, '');
  return db.transaction('rw', db.patrons, db.followUps, async () => {
    const followUp = buildFollowUp(stampOf(ctx), await db.patrons.get(data.patronId), data, '');
    await db.followUps.add(followUp);
    return followUp;
  });
}

/**
 * Creates many follow-ups in one transaction ("it has arrived", a campaign): either every
 * one is stored or none is.
 */
export async function createFollowUps(db: DeskDb, ctx: WriteContext, inputs: readonly unknown[]): Promise<FollowUp[]> {
  return db.transaction('rw', db.patrons, db.followUps, async () => {
    const ids = inputs.map((i) => String((i as { patronId?: unknown })?.patronId ?? ''));
    const reading = db.patrons.bulkGet(ids);
    // A failed check below aborts the transaction, and with it this read: nobody else awaits it.
    reading.catch(() => undefined);
    return addFollowUps(db, ctx, inputs, reading);
  });
}

/**
 * Validates every input, checks each against its patron (`patrons[i]`, being read by the
 * caller) and writes them all. Runs inside the caller's rw transaction over patrons and
 * followUps: any failed check throws, the transaction aborts, and nothing of the batch is
 * stored.
 *
 * Measured at 5,000 follow-ups (bench/RESULTS.md §5.1, §5.4), nearly all the time is
 * IndexedDB, and mostly a fixed cost per record written. So the inputs are checked while the
 * patrons are still being read, and each follow-up is one record: no "created" event beside
 * it (the follow-up is that entry, shared/followups/followUpLog.ts).
 */
export async function addFollowUps(
  db: DeskDb,
  ctx: WriteContext,
  inputs: readonly unknown[],
  patrons: Promise<readonly (Patron | undefined)[]> | readonly (Patron | undefined)[],
): Promise<FollowUp[]> {
  const parsed = inputs.map((input, i) => parseInput(input, `${i}.`));
  const stored = await patrons;
  const stamp = stampOf(ctx);
  const built = parsed.map((data, i) => buildFollowUp(stamp, stored[i], data, `${i}.`));
  await db.followUps.bulkAdd(built);
  return built;
}

export interface FollowUpWithState {
  followUp: FollowUp;
  events: FollowUpEvent[];
  state: FollowUpState;
}

/**
 * Appends one event to a follow-up's log and rewrites the row's cached due time from
 * the new fold, in one transaction. The row is rewritten even when the cache is unchanged
 * so live queries over follow-ups (the reminder service) see every event.
 */
export async function recordFollowUpEvent(db: DeskDb, ctx: WriteContext, followUpId: string, body: FollowUpEventBodyInput): Promise<FollowUpWithState> {
  const parsed = FollowUpEventBodySchema.safeParse(body);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  if (parsed.data.type === 'created') throw validationError([{ field: 'type', message: 'A follow-up is created once, when it is made; it cannot be logged as created again' }]);
  return db.transaction('rw', db.patrons, db.followUps, db.followUpEvents, async () => {
    const followUp = await db.followUps.get(followUpId);
    if (!followUp) throw new DeskError('not-found', 'This follow-up is not on this desk');
    const event = { id: newId(), followUpId, patronId: followUp.patronId, branchId: followUp.branchId, stamp: stampOf(ctx), ...parsed.data } as FollowUpEvent;
    await db.followUpEvents.add(event);
    const events = logEventsOf(followUp, await db.followUpEvents.where('followUpId').equals(followUpId).toArray());
    const state = foldFollowUp(followUp, events);
    const { pendingDueAt: _old, ...rest } = followUp;
    const pending = pendingDueAtOf(state);
    const next: FollowUp = pending === undefined ? rest : { ...rest, pendingDueAt: pending };
    await db.followUps.put(next);
    if ((event.type === 'done' || event.type === 'attempted') && CONTACT_OUTCOMES.has(event.outcome)) {
      const patron = await db.patrons.get(followUp.patronId);
      if (patron) await db.patrons.update(patron.id, { lastContactAt: Math.max(patron.lastContactAt ?? 0, event.stamp.at) });
    }
    return { followUp: next, events, state };
  });
}

/** Loads follow-ups with their logs and folded states (one query for all the events). */
export async function withStates(db: DeskDb, followUps: readonly FollowUp[]): Promise<FollowUpWithState[]> {
  if (followUps.length === 0) return [];
  const byId = eventsByFollowUp(await db.followUpEvents.where('followUpId').anyOf(followUps.map((f) => f.id)).toArray());
  return followUps.map((followUp) => {
    const own = logEventsOf(followUp, byId.get(followUp.id) ?? []);
    return { followUp, events: own, state: foldFollowUp(followUp, own) };
  });
}

/** Open follow-ups due up to `until`, earliest first (the reminder centre and the service). */
export async function openFollowUpsDueBy(db: DeskDb, until: number, limit = 1000): Promise<FollowUpWithState[]> {
  const rows = await db.followUps.where('pendingDueAt').belowOrEqual(until).limit(limit).toArray();
  return withStates(db, rows);
}

/** Every follow-up of one patron, newest first, with its log. */
export async function followUpsOfPatron(db: DeskDb, patronId: string): Promise<FollowUpWithState[]> {
  const rows = await db.followUps.where('patronId').equals(patronId).toArray();
  rows.sort((a, b) => b.created.at - a.created.at);
  return withStates(db, rows);
}

/** One log entry with the follow-up it belongs to. */
export interface FollowUpLogEntry {
  followUp: FollowUp;
  event: FollowUpEvent;
}

/** Every log entry of a patron's follow-ups (the patron's timeline shows them beside the notes). */
export async function followUpLogOfPatron(db: DeskDb, patronId: string): Promise<FollowUpLogEntry[]> {
  return db.transaction('r', db.followUps, db.followUpEvents, async () => {
    const [followUps, events] = await Promise.all([
      db.followUps.where('patronId').equals(patronId).toArray(),
      db.followUpEvents.where('patronId').equals(patronId).toArray(),
    ]);
    const byFollowUp = eventsByFollowUp(events);
    return followUps.flatMap((followUp) => logEventsOf(followUp, byFollowUp.get(followUp.id) ?? []).map((event) => ({ followUp, event })));
  });
}

/** The earliest due time after `now` among open follow-ups (the next timer), if any. */
export async function nextDueAfter(db: DeskDb, now: number): Promise<number | undefined> {
  const row = await db.followUps.where('pendingDueAt').above(now).first();
  return row?.pendingDueAt;
}
