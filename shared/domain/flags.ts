import { format } from 'date-fns';
import { z } from 'zod';
import { IsoDateSchema, type EpochMs } from './time';
import { StampSchema } from './stamp';

/** Contact flags staff set on a patron. "other" carries its meaning in the reason. */
export const FLAG_KINDS = [
  'never-email',
  'phone-only',
  'do-not-contact',
  'hard-of-hearing',
  'large-print',
  'other',
] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

export const FLAG_LABELS: Record<FlagKind, string> = {
  'never-email': 'Never email',
  'phone-only': 'Phone only',
  'do-not-contact': 'Do not contact',
  'hard-of-hearing': 'Hard of hearing',
  'large-print': 'Large print',
  other: 'Other',
};

/** Flags whose reason is required: a colleague must know why before overriding them. */
export const FLAGS_NEEDING_REASON: ReadonlySet<FlagKind> = new Set(['never-email', 'do-not-contact', 'other']);

/** What staff type when adding a flag. */
export const FlagInputSchema = z
  .object({
    kind: z.enum(FLAG_KINDS, { error: 'Choose a kind of flag' }),
    reason: z.string().trim().max(500, 'Keep the reason under 500 characters').default(''),
    source: z.string().trim().max(200, 'Keep the source under 200 characters').default(''),
    expiresOn: IsoDateSchema.optional(),
  })
  .superRefine((flag, ctx) => {
    if (FLAGS_NEEDING_REASON.has(flag.kind) && flag.reason === '') {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: `Say why: "${FLAG_LABELS[flag.kind]}" needs a reason` });
    }
  });
export type FlagInput = z.input<typeof FlagInputSchema>;

/** A stored flag. Cleared flags keep their history (clearedBy) instead of disappearing. */
export const FlagSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(FLAG_KINDS),
  reason: z.string(),
  source: z.string(),
  expiresOn: IsoDateSchema.optional(),
  set: StampSchema,
  cleared: StampSchema.optional(),
});
export type Flag = z.infer<typeof FlagSchema>;

/** The local calendar day of an instant, as YYYY-MM-DD. */
export function localDayOf(at: EpochMs): string {
  return format(at, 'yyyy-MM-dd');
}

/** A flag is active until it is cleared or its expiry day has passed (it still applies on that day). */
export function isFlagActive(flag: Flag, now: EpochMs): boolean {
  if (flag.cleared) return false;
  if (flag.expiresOn !== undefined && flag.expiresOn < localDayOf(now)) return false;
  return true;
}

/** Active flags first in the order set; the rest are history. */
export function partitionFlags(flags: readonly Flag[], now: EpochMs): { active: Flag[]; history: Flag[] } {
  const active: Flag[] = [];
  const history: Flag[] = [];
  for (const flag of flags) (isFlagActive(flag, now) ? active : history).push(flag);
  return { active, history };
}
