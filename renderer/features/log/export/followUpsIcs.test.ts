import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { isDeskError } from '@shared/errors/deskError';
import type { Flag } from '@shared/domain/flags';
import type { FollowUp } from '@shared/followups/followUp';
import type { FollowUpState } from '@shared/followups/foldFollowUp';
import { buildFollowUpsIcs, DEFAULT_UID_DOMAIN, type CalendarFollowUp, type CalendarPatron } from './followUpsIcs';

const stamp = { staff: 'Anna', deskId: 'desk-1', at: Date.UTC(2026, 5, 1, 9) };
const now = Date.UTC(2026, 10, 22, 10, 15);
const flag = (kind: Flag['kind'], reason: string, extra: Partial<Flag> = {}): Flag => ({ id: `fl-${kind}`, kind, reason, source: '', set: stamp, ...extra });
const patron = (firstName: string, lastName: string, extra: Partial<CalendarPatron> = {}): CalendarPatron => ({
  title: '', firstName, lastName, phones: [], emails: [], address: '', flags: [], ...extra,
});
const followUp = (id: string, extra: Partial<FollowUp> = {}): FollowUp => ({
  id, patronId: `p-${id}`, branchId: 'b1', reason: 'Book due back', channel: 'phone', firstDueAt: Date.UTC(2026, 10, 24, 10),
  assignee: { kind: 'queue' }, source: { kind: 'manual' }, message: '', created: stamp, ...extra,
});
const state = (dueAt: number, extra: Partial<FollowUpState> = {}): FollowUpState => ({
  status: 'open', dueAt, assignee: { kind: 'queue' }, claim: undefined, attempts: 0, lastOutcome: undefined, completed: 0,
  closedAt: undefined, cancelReason: undefined, ...extra,
});

const items: CalendarFollowUp[] = [
  {
    // 10:00 GMT on 24 November.
    followUp: followUp('f1'),
    state: state(Date.UTC(2026, 10, 24, 10), { attempts: 1, lastOutcome: 'no-answer', claim: { staff: 'Ben', deskId: 'd2', until: now + 600_000 } }),
    patron: patron('Ada', 'Lovelace', {
      title: 'Prof.',
      phones: [{ label: 'home', number: '+44 20 7946 0000' }],
      emails: [{ label: 'work', address: 'ada@example.org' }],
      flags: [flag('never-email', "doesn't read it"), flag('large-print', '', { cleared: stamp }), flag('hard-of-hearing', '', { expiresOn: '2026-01-01' })],
    }),
  },
  {
    // Every Tuesday 10:00 London time, next due in summer (09:00Z): winter occurrences must stay 10:00 local (10:00Z).
    followUp: followUp('f2', { channel: 'email', reason: 'Weekly digest; "new titles", etc.', recurrence: { rule: 'FREQ=WEEKLY', label: 'Every Tuesday' }, assignee: { kind: 'staff', name: 'Bjørn' } }),
    state: state(Date.UTC(2026, 9, 20, 9), { assignee: { kind: 'staff', name: 'Bjørn' } }),
    patron: patron('小明', '王 😀', { emails: [{ label: 'personal', address: 'wang@example.org' }] }),
  },
  {
    followUp: followUp('f3', { channel: 'letter', recurrence: { rule: 'FREQ=MONTHLY;COUNT=5', label: 'Every month' }, message: 'Dear reader,\nyour book has arrived.' }),
    state: state(Date.UTC(2026, 11, 1, 14), { completed: 2 }),
    patron: patron('Émile', 'Zola', { address: '1 Rue de Paris\nParis' }),
  },
  { followUp: followUp('f4', { channel: 'sms' }), state: state(Date.UTC(2026, 10, 25, 8, 30)), patron: undefined },
  { followUp: followUp('f5'), state: state(Date.UTC(2026, 10, 1, 10), { status: 'done', closedAt: now }), patron: patron('Done', 'Already') },
];

function parse(bytes: Uint8Array) {
  const calendar = new ICAL.Component(ICAL.parse(new TextDecoder().decode(bytes)));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

describe('iCalendar of open follow-ups', () => {
  it('writes one event per open follow-up with a stable UID, its due time and a short duration', async () => {
    const bytes = await buildFollowUpsIcs(items, { timeZone: 'Europe/London', exportedAt: now });
    expect(new TextDecoder().decode(bytes)).toContain('DTSTART;TZID=Europe/London:20261124T100000');
    const events = parse(bytes);
    expect(events.map((e) => e.uid)).toEqual(['f1', 'f2', 'f3', 'f4'].map((id) => `${id}@${DEFAULT_UID_DOMAIN}`));
    expect(events.map((e) => e.startDate.toJSDate().getTime())).toEqual(items.slice(0, 4).map((i) => i.state.dueAt));
    expect(events.map((e) => e.startDate.zone?.tzid)).toEqual(['Europe/London', 'Europe/London', 'Europe/London', 'Europe/London']);
    for (const e of events) expect(e.endDate.toJSDate().getTime() - e.startDate.toJSDate().getTime()).toBe(15 * 60_000);
  });

  it('says who to reach and why, with contact details, active flags, assignee and claim', async () => {
    const events = parse(await buildFollowUpsIcs(items, { timeZone: 'Europe/London', exportedAt: now }));
    expect(events.map((e) => e.summary)).toEqual([
      'Phone Prof. Ada Lovelace: Book due back',
      'Email 小明 王 😀: Weekly digest; "new titles", etc.',
      'Write to Émile Zola: Book due back',
      'Text an erased patron: Book due back',
    ]);
    expect(events[0]!.description).toBe([
      'Book due back', 'Channel: Phone', 'Phone (home): +44 20 7946 0000', 'Email (work): ada@example.org',
      "Flags: Never email (doesn't read it)", 'Assigned to: Desk queue', 'Claimed by: Ben', 'Attempts so far: 1 (last: No answer)',
    ].join('\n'));
    expect(events[1]!.description).toContain('Assigned to: Bjørn\nRepeats: Every Tuesday');
    expect(events[2]!.description).toBe('Book due back\nChannel: Letter\nAddress: 1 Rue de Paris, Paris\nAssigned to: Desk queue\nRepeats: Every month\n\nDear reader,\nyour book has arrived.');
    expect(events[3]!.description).toBe('Book due back\nChannel: SMS\nThe patron was erased.\nAssigned to: Desk queue');
  });

  it('repeats recurring follow-ups at the same local time across DST, with the remaining count', async () => {
    const events = parse(await buildFollowUpsIcs(items, { timeZone: 'Europe/London', exportedAt: now }));
    expect(events.map((e) => e.isRecurring())).toEqual([false, true, true, false]);
    expect(events[1]!.component.getFirstPropertyValue('rrule')!.toString()).toBe('FREQ=WEEKLY');
    const weekly = events[1]!.iterator();
    const times = Array.from({ length: 3 }, () => weekly.next()!.toJSDate().getTime());
    // 20 Oct (BST) 09:00Z, then 27 Oct and 3 Nov (GMT) 10:00Z: 10:00 in London every time.
    expect(times).toEqual([Date.UTC(2026, 9, 20, 9), Date.UTC(2026, 9, 27, 10), Date.UTC(2026, 10, 3, 10)]);
    expect(events[2]!.component.getFirstPropertyValue('rrule')!.toString()).toBe('FREQ=MONTHLY;COUNT=3');
  });

  it('writes UTC times when the zone is UTC, and honours the UID domain and duration', async () => {
    const events = parse(await buildFollowUpsIcs(items.slice(0, 1), { timeZone: 'UTC', exportedAt: now, uidDomain: 'example.org', durationMinutes: 30 }));
    expect(events[0]!.uid).toBe('f1@example.org');
    expect(events[0]!.startDate.toString()).toBe('2026-11-24T10:00:00Z');
    expect(events[0]!.duration.toSeconds()).toBe(1800);
  });

  it('reports progress and can be cancelled', async () => {
    const many = Array.from({ length: 2_500 }, (_, i) => ({ ...items[0]!, followUp: followUp(`m${i}`) }));
    const seen: number[] = [];
    await buildFollowUpsIcs(many, { timeZone: 'Europe/London', exportedAt: now, onProgress: (done) => seen.push(done) });
    expect(seen.at(-1)).toBe(2_500);
    const controller = new AbortController();
    const run = buildFollowUpsIcs(many, { timeZone: 'Europe/London', exportedAt: now, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toSatisfy((err: unknown) => isDeskError(err, 'aborted'));
  });
});
