import { z } from 'zod';

/** Server-made ids (staff, branches) are UUIDs. */
export const IdSchema = z.uuid({ error: 'Not a valid id' });

/** `/:id` route parameters. */
export const IdParamsSchema = z.strictObject({ id: IdSchema });
export type IdParams = z.infer<typeof IdParamsSchema>;

/** Endpoints that take no query parameters refuse any, so a typo is an error, not silently ignored. */
export const NoQuerySchema = z.strictObject({});

/** Endpoints that take no body accept none, or an empty JSON object. */
export const NoBodySchema = z.union([z.undefined(), z.null(), z.strictObject({})], { error: 'This request takes no body (or {})' });
