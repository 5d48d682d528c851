import { z } from 'zod';
import { ChannelSchema } from '../domain/channels';
import { EpochMsSchema } from '../domain/time';
import { AssigneeSchema, FollowUpSourceSchema, RecurrenceSchema } from './followUp';

/** What staff submit to create a follow-up. */
export const FollowUpInputSchema = z.object({
  patronId: z.string().min(1),
  reason: z.string().trim().min(1, 'Say why to get in touch').max(500, 'Keep the reason under 500 characters'),
  dueAt: EpochMsSchema,
  channel: ChannelSchema,
  /** Required when the channel goes against the patron's flags (checked against the stored patron). */
  overrideReason: z.string().trim().max(500).default(''),
  assignee: AssigneeSchema,
  recurrence: RecurrenceSchema.optional(),
  source: FollowUpSourceSchema.default({ kind: 'manual' }),
  message: z.string().trim().max(2000, 'Keep the message under 2,000 characters').default(''),
});
export type FollowUpInput = z.input<typeof FollowUpInputSchema>;

/** Outcomes that count as having been in contact (for "we miss you"); no answer and wrong number do not. */
export const CONTACT_OUTCOMES = new Set(['reached', 'left-message', 'emailed', 'letter-sent', 'declined']);
