import type { Channel } from '@shared/domain/channels';
import type { Outcome } from '@shared/followups/followUp';
import type { LogEntry } from '@shared/log/logEntry';

/** A small seeded PRNG (mulberry32): the same entries every run, in Node and in the page. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Ada', 'José', 'Zoë', 'Jürgen', 'Łukasz', 'Siobhán', 'Nguyễn', 'Bjørn', 'Amélie', 'Mohammed', 'Priya', 'Chen', 'Olga', 'Kwame', 'María'];
const LAST = ['Lovelace', 'Núñez', "O'Brien", 'Müller', 'Øberg', 'Straße', 'Kowalski', 'Dubois', 'Okafor', 'Haddad', 'Tanaka', 'Smith', 'Jones', 'García', 'Ivanova'];
const STAFF = Array.from({ length: 20 }, (_, i) => `${FIRST[i % FIRST.length]} ${String.fromCharCode(65 + i)}.`);
const REASONS = ['Book due back', 'Requested item has arrived', 'We miss you', 'Renewal reminder', 'Event invitation: author talk', 'Interlibrary loan ready'];
const COMMENTS = ['', '', '', 'Will call back tomorrow', 'Prefers mornings, asked to "ring after 10"', 'Left voicemail, no reply\nTry email next', 'Moved away, new address given', 'Reached, very happy, thanks'];
const CHANNELS: Channel[] = ['phone', 'phone', 'phone', 'email', 'email', 'sms', 'letter', 'in-person'];
const OUTCOMES: Outcome[] = ['reached', 'reached', 'left-message', 'no-answer', 'no-answer', 'wrong-number', 'emailed', 'letter-sent', 'declined'];
const TYPES: LogEntry['type'][] = ['created', 'created', 'claimed', 'attempted', 'attempted', 'attempted', 'snoozed', 'done', 'done', 'reassigned', 'cancelled', 'reopened', 'released'];

/** `count` entries over the 30 days before `end`, about 4 per follow-up, as a busy branch network writes them. */
export function generateEntries(count: number, end = Date.UTC(2026, 10, 30), seed = 42): LogEntry[] {
  const r = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  const span = 30 * 86_400_000;
  const entries: LogEntry[] = [];
  for (let i = 0; i < count; i++) {
    const at = end - span + Math.floor((i / count) * span);
    const type = pick(TYPES);
    const followUp = Math.floor(i / 4);
    const hasOutcome = type === 'attempted' || type === 'done';
    const campaign = followUp % 7 === 0;
    const created = at - Math.floor(r() * 5 * 86_400_000);
    entries.push({
      eventId: `0193a${i.toString(16).padStart(8, '0')}-7c1e-4a5b-9d2f-${(i * 7919).toString(16).padStart(12, '0')}`,
      followUpId: `0193b${followUp.toString(16).padStart(8, '0')}-7c1e-4a5b-9d2f-000000000000`,
      patronId: `0193c${(followUp % 30_000).toString(16).padStart(8, '0')}-7c1e-4a5b-9d2f-000000000000`,
      patronName: i % 997 === 0 ? null : `${pick(FIRST)} ${pick(LAST)}`,
      branchId: `branch-${followUp % 5}`,
      type,
      at,
      staff: pick(STAFF),
      deskId: `desk-${followUp % 12}`,
      deskName: `Desk ${followUp % 12}`,
      outcome: hasOutcome ? pick(OUTCOMES) : null,
      comment: hasOutcome ? pick(COMMENTS) : type === 'cancelled' ? 'Patron asked us to stop' : '',
      until: type === 'snoozed' ? at + 3_600_000 : null,
      assignedTo: type === 'reassigned' ? pick(STAFF) : null,
      channel: pick(CHANNELS),
      reason: campaign ? 'We miss you' : pick(REASONS),
      campaignId: campaign ? 'campaign-1' : null,
      campaignName: campaign ? 'We miss you, autumn 2026' : null,
      followUpCreatedAt: created,
      firstDueAt: created + 86_400_000,
    });
  }
  return entries;
}

export const BENCH_BRANCH_NAMES = new Map(Array.from({ length: 5 }, (_, i) => [`branch-${i}`, ['Central', 'Northside', 'Harbour', 'Old Town', 'Mobile library'][i]!]));
