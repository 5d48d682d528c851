import {
  addDays, addHours, addMinutes, addMonths, addWeeks, isValid, nextDay, parse, set, startOfMinute, type Day,
} from 'date-fns';

/** When a bare day is given ("tomorrow", "fri"), the follow-up is due at the start of the working day. */
export const DEFAULT_HOUR = 9;

const WEEKDAYS: Record<string, Day> = {
  sun: 0, sunday: 0, mon: 1, monday: 1, tue: 2, tues: 2, tuesday: 2, wed: 3, wednesday: 3,
  thu: 4, thur: 4, thurs: 4, thursday: 4, fri: 5, friday: 5, sat: 6, saturday: 6,
};

export type QuickWhenResult = { ok: true; at: number } | { ok: false; message: string };

/** "9:30", "09.30", "930", "10am", "3:15 pm", "15" → hours and minutes. */
function parseTimeOfDay(text: string): { hours: number; minutes: number } | undefined {
  const m = /^(\d{1,2})(?:[:.h]?(\d{2}))?\s*(am|pm)?$/.exec(text.trim());
  if (!m) return undefined;
  let hours = Number(m[1]);
  const minutes = m[2] ? Number(m[2]) : 0;
  if (m[3]) {
    if (hours < 1 || hours > 12) return undefined;
    hours = (hours % 12) + (m[3] === 'pm' ? 12 : 0);
  }
  return hours <= 23 && minutes <= 59 ? { hours, minutes } : undefined;
}

const at = (day: Date, time = { hours: DEFAULT_HOUR, minutes: 0 }) =>
  set(day, { hours: time.hours, minutes: time.minutes, seconds: 0, milliseconds: 0 });

/** "in 2 weeks", "in 3 days", "in 1 hour", "in 30 min". */
function parseRelative(text: string, now: Date): Date | undefined {
  const m = /^in\s+(\d{1,3})\s*(min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|wk|wks|week|weeks|month|months)$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2]!;
  if (unit.startsWith('min')) return startOfMinute(addMinutes(now, n));
  if (unit.startsWith('h')) return startOfMinute(addHours(now, n));
  if (unit.startsWith('d')) return at(addDays(now, n));
  if (unit.startsWith('w')) return at(addWeeks(now, n));
  return at(addMonths(now, n));
}

/** "today", "tomorrow", "fri", "next friday", "2026-12-01", "1/12" (day/month), each with an optional "[at] time". */
function parseDayAndTime(text: string, now: Date): Date | undefined {
  const tokens = text.split(' ');
  if (tokens.length > 1 && /^(am|pm)$/.test(tokens.at(-1)!)) tokens.splice(-2, 2, `${tokens.at(-2)}${tokens.at(-1)}`);
  const time = tokens.length > 1 ? parseTimeOfDay(tokens.at(-1)!) : undefined;
  if (time) tokens.pop();
  if (time && tokens.at(-1) === 'at') tokens.pop();
  const dayText = tokens.join(' ');
  // "today" alone names no time; a bare time is handled by the caller.
  if (!time && (dayText === 'today' || dayText === '')) return undefined;
  const day = parseDay(dayText, now);
  return day ? at(day, time) : undefined;
}

function parseDay(text: string, now: Date): Date | undefined {
  if (text === 'today') return now;
  if (text === 'tomorrow' || text === 'tmrw') return addDays(now, 1);
  const weekday = WEEKDAYS[text.replace(/^next\s+/, '')];
  if (weekday !== undefined) return nextDay(now, weekday);
  for (const pattern of ['yyyy-MM-dd', 'd/M/yyyy', 'd/M', 'd.M.yyyy', 'd.M.']) {
    const d = parse(text, pattern, now);
    if (isValid(d)) return d;
  }
  return undefined;
}

/**
 * Parses what staff type in the "when" box into a time, relative to `now`:
 * "tomorrow 10:00", "fri 9:30", "in 2 weeks", "15:30", "2026-12-01 14:00".
 * A bare time already past today means tomorrow; a weekday means the next one after today.
 */
export function parseQuickWhen(raw: string, now: number): QuickWhenResult {
  const text = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (text === '') return { ok: false, message: 'Say when, e.g. "tomorrow 10:00", "fri 9:30" or "in 2 weeks"' };
  const nowDate = new Date(now);
  const time = parseTimeOfDay(text);
  let result: Date | undefined;
  if (time) {
    result = at(nowDate, time);
    if (result.getTime() <= now) result = addDays(result, 1);
  } else {
    result = parseRelative(text, nowDate) ?? parseDayAndTime(text, nowDate);
  }
  if (!result || !isValid(result)) {
    return { ok: false, message: `Can't read "${raw.trim()}" as a time; try "tomorrow 10:00", "fri 9:30" or "in 2 weeks"` };
  }
  return { ok: true, at: result.getTime() };
}
