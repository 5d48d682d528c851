import { isMatch } from 'date-fns';
import { z } from 'zod';

/** Milliseconds since the Unix epoch. Stored as numbers: compact, sortable, index-friendly. */
export type EpochMs = number;
export const EpochMsSchema = z.number().int().nonnegative();

/** A calendar day as YYYY-MM-DD (a flag's expiry, a request's date): no time-zone games. */
export type IsoDate = string;
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-31')
  .refine((s) => isMatch(s, 'yyyy-MM-dd'), 'Not a real calendar date');

/** A time of day as HH:mm, 24-hour. */
export const TIME_OF_DAY_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
export const TimeOfDaySchema = z.string().regex(TIME_OF_DAY_RE, 'Use a time like 09:30');
