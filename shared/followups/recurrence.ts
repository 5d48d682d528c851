import type { Options, Weekday as RRuleWeekday } from 'rrule';
import { RRule } from './rruleLoader';
import type { Recurrence } from './followUp';

/** The recurrences staff pick from; each becomes an RRULE. */
export type RecurrenceChoice =
  | { kind: 'daily' }
  | { kind: 'weekly' }
  | { kind: 'monthly' }
  | { kind: 'nth-weekday'; nth: 1 | 2 | 3 | 4 | -1 };

const WEEKDAYS: readonly RRuleWeekday[] = [RRule.SU, RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const NTH = { 1: '1st', 2: '2nd', 3: '3rd', 4: '4th', [-1]: 'last' } as const;

/**
 * Builds the recurrence for a choice, anchored on the first due time (its weekday for
 * "nth weekday of the month"). Rule strings come from rrule, not from string pasting.
 */
export function recurrenceFor(choice: RecurrenceChoice, firstDue: number): Recurrence {
  const weekday = new Date(firstDue).getDay();
  const options: Partial<Options> =
    choice.kind === 'daily' ? { freq: RRule.DAILY }
      : choice.kind === 'weekly' ? { freq: RRule.WEEKLY }
        : choice.kind === 'monthly' ? { freq: RRule.MONTHLY }
          : { freq: RRule.MONTHLY, byweekday: [WEEKDAYS[weekday]!.nth(choice.nth)] };
  const label =
    choice.kind === 'nth-weekday' ? `${NTH[choice.nth]} ${DAY_NAMES[weekday]} of the month`
      : choice.kind === 'daily' ? 'Every day'
        : choice.kind === 'weekly' ? `Every ${DAY_NAMES[weekday]}`
          : 'Every month';
  return { rule: RRule.optionsToString(options).replace(/^RRULE:/, ''), label };
}

/*
 * rrule computes in UTC. A follow-up at "10:00 every Tuesday" means 10:00 on the desk's
 * wall clock, summer or winter, so we hand rrule the wall-clock time dressed as UTC
 * ("floating" time, as rrule's docs recommend) and read its answer back the same way.
 */
function toFloating(at: number): Date {
  const d = new Date(at);
  return new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()));
}
function fromFloating(d: Date): number {
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()).getTime();
}

/** The first occurrence strictly after `after`, for a series that started at `firstDue`; undefined when the series has ended. */
export function nextOccurrence(recurrence: Recurrence, firstDue: number, after: number): number | undefined {
  const rule = new RRule({ ...RRule.parseString(recurrence.rule), dtstart: toFloating(firstDue) });
  const next = rule.after(toFloating(after), false);
  return next ? fromFloating(next) : undefined;
}
