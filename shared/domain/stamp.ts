import { z } from 'zod';
import { EpochMsSchema } from './time';

/**
 * Who did something, where and when. Until staff log-in exists the staff member is the
 * name typed at the desk; the desk is this installation's id.
 */
export const StampSchema = z.object({
  staff: z.string().min(1),
  deskId: z.string().min(1),
  /** The desk's name when the stamp was made, so history reads "at Front desk" even after a rename. */
  deskName: z.string().optional(),
  at: EpochMsSchema,
});
export type Stamp = z.infer<typeof StampSchema>;
