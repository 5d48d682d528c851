import { z } from 'zod';
import { ChannelSchema } from './channels';
import { TIME_OF_DAY_RE as TIME_RE, TimeOfDaySchema } from './time';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_LABELS: Record<Weekday, string> = {
  mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun',
};

/** A window in which the patron likes to be called, e.g. Mon–Fri 10:00–12:00. */
export const BestTimeSchema = z
  .object({
    days: z.array(z.enum(WEEKDAYS)).min(1, 'Pick at least one day'),
    from: TimeOfDaySchema,
    to: TimeOfDaySchema,
  })
  // Compared only when both times are well formed, so a bad start time gets one message, not two.
  .refine((t) => !(TIME_RE.test(t.from) && TIME_RE.test(t.to)) || t.from < t.to, {
    path: ['to'],
    message: 'The end time must be after the start time',
  });
export type BestTime = z.infer<typeof BestTimeSchema>;

/** Preferred channels in rank order (first = try first) and when to call. */
export const ContactPreferencesSchema = z.object({
  channels: z
    .array(ChannelSchema)
    .max(5)
    .refine((list) => new Set(list).size === list.length, 'Each channel can be ranked only once'),
  bestTimes: z.array(BestTimeSchema).max(14, 'At most 14 time windows'),
  note: z.string().trim().max(500, 'Keep the note under 500 characters').default(''),
});
export type ContactPreferences = z.infer<typeof ContactPreferencesSchema>;
export type ContactPreferencesInput = z.input<typeof ContactPreferencesSchema>;

export const EMPTY_CONTACT_PREFERENCES: ContactPreferences = { channels: [], bestTimes: [], note: '' };

/** "Mon–Fri 10:00–12:00", "Tue, Thu 14:00–16:00": runs of consecutive days are collapsed. */
export function describeBestTime(t: BestTime): string {
  const idx = [...new Set(t.days)].map((d) => WEEKDAYS.indexOf(d)).sort((a, b) => a - b);
  const parts: string[] = [];
  let start = 0;
  for (let i = 1; i <= idx.length; i++) {
    if (i === idx.length || idx[i] !== (idx[i - 1] ?? 0) + 1) {
      const a = WEEKDAY_LABELS[WEEKDAYS[idx[start] ?? 0]!];
      const b = WEEKDAY_LABELS[WEEKDAYS[idx[i - 1] ?? 0]!];
      parts.push(i - 1 - start >= 2 ? `${a}–${b}` : i - 1 === start ? a : `${a}, ${b}`);
      start = i;
    }
  }
  return `${parts.join(', ')} ${t.from}–${t.to}`;
}
