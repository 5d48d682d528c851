import type { LogEntry } from '@shared/log/logEntry';
import type { LogExportContext } from '@shared/log/logColumns';
import type { LogExportHeading } from './exportHeading';

/*
 * Entries that break careless exporters: accents and scripts beyond Latin-1, emoji,
 * quotes, commas and line breaks inside text, a patron named like a formula, an erased
 * patron, a follow-up not yet synced, times either side of a DST change. Used by the unit
 * tests here and by the LibreOffice round trips in test/exports.
 */
const base: LogEntry = {
  eventId: 'e-0', followUpId: 'f-1', patronId: 'p-1', patronName: 'Prof. Émile Zola', branchId: 'b-main', type: 'done',
  at: Date.UTC(2026, 6, 1, 9, 30), staff: 'Anna Øberg', deskId: 'desk-1', deskName: 'Front desk', outcome: 'reached',
  comment: 'Book due back', until: null, assignedTo: null, channel: 'phone', reason: 'Phone about the book', campaignId: null,
  campaignName: null, followUpCreatedAt: Date.UTC(2026, 6, 1, 8, 0), firstDueAt: Date.UTC(2026, 6, 1, 9, 0),
};

export const TRICKY_ENTRIES: readonly LogEntry[] = [
  base,
  { ...base, eventId: 'e-1', patronName: 'Jürgen Straße', type: 'attempted', outcome: 'left-message', comment: 'Said "call back", then: hung up, twice', until: Date.UTC(2026, 9, 25, 0, 30), at: Date.UTC(2026, 9, 24, 23, 59) },
  { ...base, eventId: 'e-2', patronName: '王小明 中文', staff: 'Bjørn', type: 'attempted', outcome: 'no-answer', comment: 'Line one\nLine two, with comma\r\nLine three 😀', channel: 'sms' },
  { ...base, eventId: 'e-3', patronName: '=HYPERLINK("http://x")', comment: '+44 20 7946 0000', type: 'done', outcome: 'emailed', channel: 'email', staff: '@desk' },
  { ...base, eventId: 'e-4', patronName: null, type: 'cancelled', outcome: null, comment: '-moved away', channel: 'letter', campaignId: 'c-1', campaignName: 'We miss you, 2026', reason: 'We miss you' },
  { ...base, eventId: 'e-5', followUpId: 'f-2', type: 'reassigned', outcome: null, comment: '', assignedTo: 'Desk queue', channel: null, reason: null, followUpCreatedAt: null, firstDueAt: null, deskName: null, at: Date.UTC(2026, 2, 29, 0, 59) },
  { ...base, eventId: 'e-6', type: 'snoozed', outcome: null, comment: '', until: Date.UTC(2026, 2, 29, 1, 0), at: Date.UTC(2026, 2, 29, 1, 0), patronName: 'Zoë “Smart quotes” O\'Brien', branchId: 'b-unknown', channel: 'in-person' },
];

export const TEST_CONTEXT: LogExportContext = { timeZone: 'Europe/London', branchNames: new Map([['b-main', 'Main, Ground floor']]) };

export const TEST_HEADING: LogExportHeading = {
  title: 'Follow-up log',
  filter: { from: Date.UTC(2026, 2, 1), to: Date.UTC(2026, 10, 1), channels: ['phone', 'email'], staff: ['Anna Øberg'] },
  context: TEST_CONTEXT,
  exportedAt: Date.UTC(2026, 10, 22, 10, 15),
};

/** Many plausible entries for progress and cancellation tests (deterministic). */
export function manyEntries(count: number): LogEntry[] {
  return Array.from({ length: count }, (_, i) => ({ ...base, eventId: `e-${i}`, at: base.at + i * 60_000, comment: `Comment ${i}` }));
}
