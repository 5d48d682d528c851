import { TZDate } from '@date-fns/tz';
import ical from 'ical-generator';
import { CHANNEL_LABELS } from '@shared/domain/channels';
import { FLAG_LABELS, isFlagActive } from '@shared/domain/flags';
import { displayName, type Patron } from '@shared/domain/patron';
import { describeAssignee, OUTCOME_LABELS, type FollowUp } from '@shared/followups/followUp';
import { activeClaim, type FollowUpState } from '@shared/followups/foldFollowUp';
import { forEachInChunks, throwIfCancelled, type ExportRunOptions } from './exportProgress';
import { vtimezone } from './vtimezone';

/** The patron as the calendar needs them: name and every way to reach them, and their flags. */
export type CalendarPatron = Pick<Patron, 'title' | 'firstName' | 'lastName' | 'phones' | 'emails' | 'address' | 'flags'>;

/**
 * One follow-up for the calendar: as loaded for the reminder centre (renderer/db
 * followUpsRepo `withStates` / `openFollowUpsDueBy` give followUp + state) with its patron.
 * Only open ones become events.
 */
export interface CalendarFollowUp {
  followUp: FollowUp;
  state: FollowUpState;
  /** Undefined when the patron was erased (the event then names no one). */
  patron: CalendarPatron | undefined;
}

export interface FollowUpCalendarOptions extends ExportRunOptions {
  /** The desk's zone: recurring follow-ups keep their wall-clock time in it (as the app's own rrule does). */
  timeZone: string;
  /** Now: DTSTAMP, and which flags and claims are still active. */
  exportedAt: number;
  /** UIDs are `<follow-up id>@<uidDomain>`, so re-importing updates events instead of doubling them. */
  uidDomain?: string;
  /** How long each event lasts in the calendar. Default 15 minutes. */
  durationMinutes?: number;
  calendarName?: string;
}

export const DEFAULT_UID_DOMAIN = 'follow-ups.desk-diary';

const VERB = { phone: 'Phone', email: 'Email', sms: 'Text', letter: 'Write to', 'in-person': 'See' } as const;

/**
 * The open follow-ups as an iCalendar file (RFC 5545): one VEVENT each at its due time, a
 * summary like "Phone Prof. Ada Lovelace: book due back", the contact details, flags and
 * assignee in the description, and its RRULE when it repeats. Times carry the desk's zone
 * with a VTIMEZONE, so a calendar elsewhere shows them right.
 */
export async function buildFollowUpsIcs(items: readonly CalendarFollowUp[], options: FollowUpCalendarOptions): Promise<Uint8Array> {
  const { timeZone, exportedAt } = options;
  const open = items.filter((i) => i.state.status === 'open');
  const calendar = ical({ name: options.calendarName ?? 'Desk Diary follow-ups', prodId: { company: 'Desk Diary', product: 'Follow-ups', language: 'EN' } });
  if (timeZone !== 'UTC') {
    const years = open.map((i) => new Date(i.state.dueAt).getUTCFullYear());
    const from = Math.min(new Date(exportedAt).getUTCFullYear(), ...years) - 1;
    // Recurring events run on past the last due date; ten years of offsets covers any sensible series.
    const to = Math.max(new Date(exportedAt).getUTCFullYear(), ...years) + 10;
    calendar.timezone({ name: timeZone, generator: (tz) => vtimezone(tz, from, to) });
  }
  const duration = (options.durationMinutes ?? 15) * 60_000;
  const domain = options.uidDomain ?? DEFAULT_UID_DOMAIN;
  await forEachInChunks(open, options, (item) => {
    const { followUp, state } = item;
    const rule = recurrenceRule(followUp, state);
    calendar.createEvent({
      id: `${followUp.id}@${domain}`,
      // A TZDate, not a Date: ical-generator reads the wall-clock fields of a Date in the process's own zone.
      start: new TZDate(state.dueAt, timeZone),
      end: new TZDate(state.dueAt + duration, timeZone),
      timezone: timeZone,
      stamp: new Date(exportedAt),
      summary: `${VERB[followUp.channel]} ${item.patron ? displayName(item.patron) : 'an erased patron'}: ${followUp.reason}`,
      description: describeFollowUp(item, exportedAt),
      ...(rule ? { repeating: `RRULE:${rule}` } : {}),
    });
  });
  throwIfCancelled(options.signal);
  return new TextEncoder().encode(calendar.toString());
}

/**
 * The follow-up's RRULE from its current due time on. A COUNT still to go is what is left
 * after the occurrences already done, so the calendar ends the series when the app does.
 */
export function recurrenceRule(followUp: FollowUp, state: FollowUpState): string | undefined {
  const rule = followUp.recurrence?.rule;
  if (!rule) return undefined;
  return rule.replace(/(^|;)COUNT=(\d+)/, (_m, sep: string, count: string) => `${sep}COUNT=${Math.max(1, Number(count) - state.completed)}`);
}

/** The event's description: what to do, how to reach the patron, what to mind, who acts. */
export function describeFollowUp({ followUp, state, patron }: CalendarFollowUp, now: number): string {
  const lines = [followUp.reason, `Channel: ${CHANNEL_LABELS[followUp.channel]}`];
  if (patron) {
    for (const p of patron.phones) lines.push(`Phone (${p.label}): ${p.number}`);
    for (const e of patron.emails) lines.push(`Email (${e.label}): ${e.address}`);
    if (patron.address !== '') lines.push(`Address: ${patron.address.replace(/\s*\n\s*/g, ', ')}`);
    const flags = patron.flags.filter((f) => isFlagActive(f, now)).map((f) => `${FLAG_LABELS[f.kind]}${f.reason ? ` (${f.reason})` : ''}`);
    if (flags.length > 0) lines.push(`Flags: ${flags.join('; ')}`);
  } else {
    lines.push('The patron was erased.');
  }
  lines.push(`Assigned to: ${describeAssignee(state.assignee)}`);
  const claim = activeClaim(state, now);
  if (claim) lines.push(`Claimed by: ${claim.staff}`);
  if (followUp.recurrence) lines.push(`Repeats: ${followUp.recurrence.label}`);
  if (state.attempts > 0) lines.push(`Attempts so far: ${state.attempts}${state.lastOutcome ? ` (last: ${OUTCOME_LABELS[state.lastOutcome]})` : ''}`);
  if (followUp.message !== '') lines.push('', followUp.message);
  return lines.join('\n');
}
