import { z } from 'zod';
import { ChannelSchema } from '../domain/channels';
import { FLAG_KINDS } from '../domain/flags';
import { StampSchema } from '../domain/stamp';
import { EpochMsSchema } from '../domain/time';

/** How a contact attempt ended. */
export const OUTCOMES = ['reached', 'left-message', 'no-answer', 'wrong-number', 'emailed', 'letter-sent', 'declined'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OutcomeSchema = z.enum(OUTCOMES, { error: 'Choose an outcome' });
export const OUTCOME_LABELS: Record<Outcome, string> = {
  reached: 'Reached',
  'left-message': 'Left message',
  'no-answer': 'No answer',
  'wrong-number': 'Wrong number',
  emailed: 'Emailed',
  'letter-sent': 'Letter sent',
  declined: 'Declined',
};

/** Who should act: a named colleague, or whoever is at the desk (the desk queue). */
export const AssigneeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('staff'), name: z.string().trim().min(1, 'Name the colleague').max(80) }),
  z.object({ kind: z.literal('queue') }),
]);
export type Assignee = z.infer<typeof AssigneeSchema>;

export function describeAssignee(a: Assignee): string {
  return a.kind === 'queue' ? 'Desk queue' : a.name;
}

/*
 * The RRULE parts a stored rule may carry, each with the values rrule handles safely.
 * A looser "KEY=VALUE" shape let through rules that make rrule throw (UNTIL=2026-12-01,
 * BYDAY=XX, unknown keys) or loop forever (INTERVAL=ABC, INTERVAL=-2), and a rule synced
 * from another desk would then break every fold of that follow-up.
 */
const RRULE_WEEKDAY = '(?:MO|TU|WE|TH|FR|SA|SU)';
const RRULE_PARTS: ReadonlyMap<string, RegExp> = new Map(Object.entries({
  INTERVAL: /^[1-9]\d{0,2}$/,
  COUNT: /^[1-9]\d{0,3}$/,
  UNTIL: /^\d{8}(?:T\d{6}Z?)?$/,
  BYDAY: new RegExp(`^[+-]?(?:[1-9]|[1-4]\\d|5[0-3])?${RRULE_WEEKDAY}(?:,[+-]?(?:[1-9]|[1-4]\\d|5[0-3])?${RRULE_WEEKDAY})*$`),
  BYMONTHDAY: /^-?(?:[1-9]|[12]\d|3[01])(?:,-?(?:[1-9]|[12]\d|3[01]))*$/,
  BYMONTH: /^(?:[1-9]|1[0-2])(?:,(?:[1-9]|1[0-2]))*$/,
  BYSETPOS: /^-?(?:[1-9]\d?|[12]\d\d|3[0-5]\d|36[0-6])(?:,-?(?:[1-9]\d?|[12]\d\d|3[0-5]\d|36[0-6]))*$/,
  WKST: new RegExp(`^${RRULE_WEEKDAY}$`),
}));
function isRecurrenceRule(rule: string): boolean {
  const [freq, ...parts] = rule.split(';');
  if (!/^FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)$/.test(freq ?? '')) return false;
  const seen = new Set<string>();
  return parts.every((part) => {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq);
    const valid = eq > 0 && !seen.has(key) && (RRULE_PARTS.get(key)?.test(part.slice(eq + 1)) ?? false);
    seen.add(key);
    return valid;
  });
}

/** A repeating follow-up: an RFC 5545 RRULE (without DTSTART) and how staff said it. */
export const RecurrenceSchema = z.object({
  rule: z.string().refine(isRecurrenceRule, 'Not a recurrence rule'),
  label: z.string().min(1).max(80),
});
export type Recurrence = z.infer<typeof RecurrenceSchema>;

/** Where a follow-up came from. */
export const FollowUpSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('manual') }),
  z.object({ kind: z.literal('request'), requestId: z.string().min(1), resource: z.string() }),
  z.object({ kind: z.literal('campaign'), campaignId: z.string().min(1), name: z.string() }),
]);
export type FollowUpSource = z.infer<typeof FollowUpSourceSchema>;

/** Choosing a channel the patron's flags forbid needs a reason, recorded with the follow-up. */
export const ChannelOverrideSchema = z.object({
  flagKinds: z.array(z.enum(FLAG_KINDS)).min(1),
  reason: z.string().trim().min(1).max(500),
});

/**
 * A follow-up as created. It never changes afterwards: everything that happens to it is
 * a FollowUpEvent, and its state is the fold of those events (foldFollowUp).
 * `pendingDueAt` is a cache of that fold (the due time while open, absent once closed),
 * rewritten only from the fold in the same transaction that appends an event, so the
 * reminder service can find the earliest due item with one index lookup.
 */
export const FollowUpSchema = z.object({
  id: z.string().min(1),
  patronId: z.string().min(1),
  branchId: z.string().min(1),
  reason: z.string().min(1).max(500),
  channel: ChannelSchema,
  channelOverride: ChannelOverrideSchema.optional(),
  firstDueAt: EpochMsSchema,
  recurrence: RecurrenceSchema.optional(),
  assignee: AssigneeSchema,
  source: FollowUpSourceSchema,
  /** A ready-to-use message (e.g. "The book you asked for has arrived…"). */
  message: z.string().max(2000).default(''),
  created: StampSchema,
  pendingDueAt: EpochMsSchema.optional(),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;
