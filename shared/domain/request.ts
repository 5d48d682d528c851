import { z } from 'zod';
import { StampSchema } from './stamp';
import { IsoDateSchema } from './time';

/** "Asked for: <resource>" as staff type it. */
export const RequestInputSchema = z.object({
  resource: z.string().trim().min(1, 'Say what they asked for').max(300, 'Keep it under 300 characters'),
  requestedOn: IsoDateSchema,
});
export type RequestInput = z.input<typeof RequestInputSchema>;

/** A patron's request for a resource; notified is set when they were told it arrived. */
export const PatronRequestSchema = z.object({
  id: z.string().min(1),
  patronId: z.string().min(1),
  branchId: z.string().min(1),
  resource: z.string(),
  requestedOn: IsoDateSchema,
  created: StampSchema,
  notified: StampSchema.optional(),
  deleted: StampSchema.optional(),
});
export type PatronRequest = z.infer<typeof PatronRequestSchema>;
