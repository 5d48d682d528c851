import { TZDate } from '@date-fns/tz';
import { addWeeks, format, startOfWeek } from 'date-fns';
import { CHANNELS, type Channel } from '@shared/domain/channels';
import type { Outcome } from '@shared/followups/followUp';
import type { LogEntry } from '@shared/log/logEntry';
import type { Dashboard } from '@shared/log/logSummary';

/**
 * The PDF's chart series. With the server's Dashboard they are its figures; without one
 * (a desk in local mode) they are counted from the entries in hand, the same way: weeks
 * start on Monday in the export's zone, and weeks with nothing done are listed with 0.
 */
export function donePerWeek(entries: readonly LogEntry[], timeZone: string, dashboard?: Dashboard): Dashboard['donePerWeek'] {
  if (dashboard) return dashboard.donePerWeek;
  const counts = new Map<number, number>();
  for (const e of entries) {
    if (e.type !== 'done') continue;
    const week = startOfWeek(new TZDate(e.at, timeZone), { weekStartsOn: 1 }).getTime();
    counts.set(week, (counts.get(week) ?? 0) + 1);
  }
  if (counts.size === 0) return [];
  const weeks = [...counts.keys()].sort((a, b) => a - b);
  const out: Dashboard['donePerWeek'] = [];
  for (let week = new TZDate(weeks[0]!, timeZone); week.getTime() <= weeks.at(-1)!; week = addWeeks(week, 1)) {
    out.push({ weekStart: format(week, 'yyyy-MM-dd'), count: counts.get(week.getTime()) ?? 0 });
  }
  return out;
}

/** Attempts and dones by channel and outcome. */
export function outcomesByChannel(entries: readonly LogEntry[], dashboard?: Dashboard): Dashboard['outcomesByChannel'] {
  if (dashboard) return dashboard.outcomesByChannel;
  const counts = new Map<string, { channel: Channel; outcome: Outcome; count: number }>();
  for (const e of entries) {
    if (!e.outcome || !e.channel) continue;
    const key = `${e.channel}|${e.outcome}`;
    const row = counts.get(key) ?? { channel: e.channel, outcome: e.outcome, count: 0 };
    row.count++;
    counts.set(key, row);
  }
  return [...counts.values()].sort((a, b) => CHANNELS.indexOf(a.channel) - CHANNELS.indexOf(b.channel));
}
