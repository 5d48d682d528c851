import { format, formatDistanceToNowStrict, isToday, isYesterday, parseISO } from 'date-fns';
import type { Stamp } from '@shared/domain/stamp';

/** "Today 14:05", "Yesterday 09:12", "3 Mar 2026 16:40": how a desk diary dates things. */
export function formatWhen(at: number): string {
  if (isToday(at)) return `Today ${format(at, 'HH:mm')}`;
  if (isYesterday(at)) return `Yesterday ${format(at, 'HH:mm')}`;
  return format(at, 'd MMM yyyy HH:mm');
}

/** "Anna at Front desk, Today 14:05". */
export function formatStamp(stamp: Stamp): string {
  return `${stamp.staff} at ${stamp.deskName ?? 'another desk'}, ${formatWhen(stamp.at)}`;
}

/** "31 Mar 2026" from a YYYY-MM-DD day. */
export function formatDay(day: string): string {
  return format(parseISO(day), 'd MMM yyyy');
}

export function formatAgo(at: number): string {
  return `${formatDistanceToNowStrict(at)} ago`;
}
