import { z } from 'zod';
import { StampSchema } from '../domain/stamp';
import { EpochMsSchema } from '../domain/time';
import { AssigneeSchema, OutcomeSchema } from './followUp';

const comment = z.string().trim().max(1000, 'Keep the comment under 1,000 characters').default('');

/** What can happen to a follow-up. Each is an immutable entry of the managers' log. */
export const FollowUpEventBodySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('created') }),
  z.object({ type: z.literal('claimed') }),
  z.object({ type: z.literal('released') }),
  z.object({ type: z.literal('attempted'), outcome: OutcomeSchema, comment, retryAt: EpochMsSchema.optional() }),
  z.object({ type: z.literal('snoozed'), until: EpochMsSchema }),
  z.object({ type: z.literal('done'), outcome: OutcomeSchema, comment }),
  z.object({ type: z.literal('reassigned'), to: AssigneeSchema }),
  z.object({ type: z.literal('cancelled'), reason: z.string().trim().min(1, 'Say why it is cancelled').max(500) }),
  z.object({ type: z.literal('reopened'), dueAt: EpochMsSchema.optional() }),
]);
export type FollowUpEventBody = z.infer<typeof FollowUpEventBodySchema>;
export type FollowUpEventBodyInput = z.input<typeof FollowUpEventBodySchema>;
export type FollowUpEventType = FollowUpEventBody['type'];

export const FollowUpEventSchema = z.intersection(
  z.object({
    id: z.string().min(1),
    followUpId: z.string().min(1),
    patronId: z.string().min(1),
    branchId: z.string().min(1),
    stamp: StampSchema,
  }),
  FollowUpEventBodySchema,
);
export type FollowUpEvent = z.infer<typeof FollowUpEventSchema>;

export const EVENT_LABELS: Record<FollowUpEventType, string> = {
  created: 'Created',
  claimed: 'Claimed',
  released: 'Released',
  attempted: 'Attempted',
  snoozed: 'Snoozed',
  done: 'Done',
  reassigned: 'Reassigned',
  cancelled: 'Cancelled',
  reopened: 'Reopened',
};
