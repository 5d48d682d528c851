import { z } from 'zod';
import { ChannelSchema, type Channel } from '../domain/channels';
import { OutcomeSchema, type Outcome } from '../followups/followUp';
import type { FollowUpEventType } from '../followups/followUpEvents';
import { FOLLOW_UP_EVENT_TYPES } from './eventTypes';

/**
 * Which log entries a manager wants: every field narrows, absent means "any". Lists match
 * any of their values. The same filter drives the log view, its exports, the dashboard and
 * the server's organisation-wide export, so what is on screen is what is in the file.
 */
export interface LogFilter {
  /** Inclusive, epoch ms. */
  from?: number;
  /** Exclusive, epoch ms. */
  to?: number;
  staff?: string[];
  branchIds?: string[];
  channels?: Channel[];
  outcomes?: Outcome[];
  types?: FollowUpEventType[];
  campaignId?: string;
  patronId?: string;
}

export const LOG_SORT_FIELDS = ['at', 'patron', 'staff', 'type', 'channel', 'outcome'] as const;
export type LogSortField = (typeof LOG_SORT_FIELDS)[number];
export interface LogSort {
  field: LogSortField;
  direction: 'asc' | 'desc';
}
/** Newest first, as a diary reads backwards. */
export const DEFAULT_LOG_SORT: LogSort = { field: 'at', direction: 'desc' };

/** A page of the log, for the virtualised view (offset paging: the view jumps anywhere in the list). */
export const LOG_PAGE_MAX = 1000;

// Query strings carry a list as a repeated key (?channel=phone&channel=email): one value arrives as a string.
const list = <T extends z.ZodType>(item: T, max: number, what: string) =>
  z.preprocess(
    (v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]),
    z.array(item).min(1).max(max, `At most ${max} ${what}`).optional(),
  );
const text = (max: number) => z.string().trim().min(1, 'Must not be empty').max(max, `At most ${max} characters`);
const isoTime = z.iso
  .datetime({ offset: true, error: 'Use an ISO 8601 date and time, like 2026-11-01T00:00:00Z' })
  .transform((s) => Date.parse(s));

const filterShape = {
  from: isoTime.optional(),
  to: isoTime.optional(),
  staff: list(text(100), 50, 'staff names'),
  branch: list(text(100), 500, 'branches'),
  channel: list(ChannelSchema, 5, 'channels'),
  outcome: list(OutcomeSchema, 10, 'outcomes'),
  type: list(z.enum(FOLLOW_UP_EVENT_TYPES, { error: 'Not a kind of log entry' }), 10, 'kinds of entry'),
  campaign: text(100).optional(),
  patron: text(100).optional(),
  sort: z.enum(LOG_SORT_FIELDS, { error: `Sort by one of ${LOG_SORT_FIELDS.join(', ')}` }).default('at'),
  dir: z.enum(['asc', 'desc'], { error: 'Use asc or desc' }).default('desc'),
};

type FilterQuery = z.infer<z.ZodObject<typeof filterShape>>;

function toFilter(q: FilterQuery): { filter: LogFilter; sort: LogSort } {
  const filter: LogFilter = {};
  if (q.from !== undefined) filter.from = q.from;
  if (q.to !== undefined) filter.to = q.to;
  if (q.staff) filter.staff = q.staff;
  if (q.branch) filter.branchIds = q.branch;
  if (q.channel) filter.channels = q.channel;
  if (q.outcome) filter.outcomes = q.outcome;
  if (q.type) filter.types = q.type;
  if (q.campaign !== undefined) filter.campaignId = q.campaign;
  if (q.patron !== undefined) filter.patronId = q.patron;
  return { filter, sort: { field: q.sort, direction: q.dir } };
}

const periodInOrder = (q: { from?: number; to?: number }) => q.from === undefined || q.to === undefined || q.from < q.to;
const PERIOD_ERROR = { message: '"from" must be before "to"', path: ['to'] };

/** GET /api/log/entries: the filter, the sort and a page. */
export const LogPageQuerySchema = z
  .strictObject({
    ...filterShape,
    offset: z.coerce.number({ error: 'Use a whole number' }).int().min(0).max(100_000_000).default(0),
    limit: z.coerce.number({ error: 'Use a whole number' }).int().min(1).max(LOG_PAGE_MAX).default(100),
  })
  .refine(periodInOrder, PERIOD_ERROR)
  .transform((q) => ({ ...toFilter(q), offset: q.offset, limit: q.limit }));
export type LogPageQuery = z.output<typeof LogPageQuerySchema>;

/** GET /api/log/summary and the dashboard: the filter only (sorting changes no total). */
export const LogFilterQuerySchema = z
  .strictObject({ ...filterShape })
  .refine(periodInOrder, PERIOD_ERROR)
  .transform((q) => toFilter(q).filter);

/** An IANA time zone the runtime knows ("Europe/London"); exports show local dates and times in it. */
export const TimeZoneSchema = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'Not a time zone this server knows (use a name like Europe/London)');

/** GET /api/log/export.csv: the filter, the sort, and the time zone of the local date/time columns. */
export const LogExportQuerySchema = z
  .strictObject({ ...filterShape, tz: TimeZoneSchema.default('UTC') })
  .refine(periodInOrder, PERIOD_ERROR)
  .transform((q) => ({ ...toFilter(q), timeZone: q.tz }));
export type LogExportQuery = z.output<typeof LogExportQuerySchema>;

/** GET /api/log/dashboard: the filter, and the time zone whose Mondays start the weeks. */
export const LogDashboardQuerySchema = z
  .strictObject({ ...filterShape, tz: TimeZoneSchema.default('UTC') })
  .refine(periodInOrder, PERIOD_ERROR)
  .transform((q) => ({ filter: toFilter(q).filter, timeZone: q.tz }));
export type LogDashboardQuery = z.output<typeof LogDashboardQuerySchema>;

/**
 * The query-string pairs for a filter and sort (what the desk sends; parsed by the schemas
 * above). Pairs, not URLSearchParams: shared/ runs where no DOM is (pass them to one).
 */
export function logQueryPairs(filter: LogFilter, sort: LogSort = DEFAULT_LOG_SORT): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const p = { set: (k: string, v: string) => out.push([k, v]), append: (k: string, v: string) => out.push([k, v]) };
  if (filter.from !== undefined) p.set('from', new Date(filter.from).toISOString());
  if (filter.to !== undefined) p.set('to', new Date(filter.to).toISOString());
  for (const s of filter.staff ?? []) p.append('staff', s);
  for (const b of filter.branchIds ?? []) p.append('branch', b);
  for (const c of filter.channels ?? []) p.append('channel', c);
  for (const o of filter.outcomes ?? []) p.append('outcome', o);
  for (const t of filter.types ?? []) p.append('type', t);
  if (filter.campaignId !== undefined) p.set('campaign', filter.campaignId);
  if (filter.patronId !== undefined) p.set('patron', filter.patronId);
  p.set('sort', sort.field);
  p.set('dir', sort.direction);
  return out;
}
