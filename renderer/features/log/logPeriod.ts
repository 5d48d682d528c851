import { addDays, format, parseISO, startOfDay, startOfMonth, subDays, subMonths } from 'date-fns';
import type { LogFilter } from '@shared/log/logQuery';

/** A day typed in a date box ("2026-11-01") as the local midnight it starts at. */
export function dayStart(day: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const d = parseISO(day);
  return Number.isNaN(d.getTime()) ? undefined : startOfDay(d).getTime();
}

/** The period's "to" day is inclusive on screen; the filter's `to` is the next midnight (exclusive). */
export function periodOf(fromDay: string, toDay: string): Pick<LogFilter, 'from' | 'to'> {
  const from = dayStart(fromDay);
  const toStart = dayStart(toDay);
  return {
    ...(from === undefined ? {} : { from }),
    ...(toStart === undefined ? {} : { to: addDays(toStart, 1).getTime() }),
  };
}

const dayOf = (ms: number) => format(ms, 'yyyy-MM-dd');

export type PeriodPreset = 'last-7-days' | 'this-month' | 'last-month';
export const PERIOD_PRESETS: ReadonlyArray<[PeriodPreset, string]> = [['last-7-days', 'Last 7 days'], ['this-month', 'This month'], ['last-month', 'Last month']];

/** The quick periods desk managers ask for, as [from, to] days (inclusive). */
export function presetPeriod(preset: PeriodPreset, now: number): [string, string] {
  const today = startOfDay(now);
  switch (preset) {
    case 'last-7-days': return [dayOf(subDays(today, 6).getTime()), dayOf(today.getTime())];
    case 'this-month': return [dayOf(startOfMonth(today).getTime()), dayOf(today.getTime())];
    case 'last-month': {
      const first = startOfMonth(subMonths(today, 1));
      return [dayOf(first.getTime()), dayOf(subDays(startOfMonth(today), 1).getTime())];
    }
  }
}
