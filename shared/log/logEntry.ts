import { z } from 'zod';
import { ChannelSchema } from '../domain/channels';
import { EpochMsSchema } from '../domain/time';
import { OutcomeSchema } from '../followups/followUp';
import { FOLLOW_UP_EVENT_TYPES } from './eventTypes';

/**
 * One row of the managers' follow-up log: a follow-up event (immutable, as the desk wrote
 * it) with what a reader needs beside it from its follow-up and patron. The server keeps
 * these as a projection of the synced records (server/log); a desk in local mode builds
 * them from its own tables. Both return exactly this shape.
 */
export const LogEntrySchema = z.object({
  /** The event's id; entries are unique by it. */
  eventId: z.string().min(1),
  followUpId: z.string().min(1),
  patronId: z.string().min(1),
  /** The patron's display name now; null once the patron was erased (the entry stays, anonymised). */
  patronName: z.string().nullable(),
  branchId: z.string().min(1),
  type: z.enum(FOLLOW_UP_EVENT_TYPES),
  /** When it happened, by the clock of the desk that recorded it. */
  at: EpochMsSchema,
  staff: z.string(),
  deskId: z.string(),
  deskName: z.string().nullable(),
  /** attempted and done only. */
  outcome: OutcomeSchema.nullable(),
  /** The comment of an attempt or done; the reason of a cancel; empty otherwise. */
  comment: z.string(),
  /** snoozed: until; attempted: retry at; reopened: new due time (epoch ms). */
  until: EpochMsSchema.nullable(),
  /** reassigned: the new assignee as staff see it ("Desk queue", a colleague's name). */
  assignedTo: z.string().nullable(),
  /** From the follow-up (null if the follow-up has not reached the server yet). */
  channel: ChannelSchema.nullable(),
  reason: z.string().nullable(),
  campaignId: z.string().nullable(),
  campaignName: z.string().nullable(),
  followUpCreatedAt: EpochMsSchema.nullable(),
  firstDueAt: EpochMsSchema.nullable(),
});
export type LogEntry = z.infer<typeof LogEntrySchema>;
