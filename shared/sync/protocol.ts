import { z } from 'zod';
import { EntityNameSchema } from './entities';
import { isHlc, isValidDeskId, type Hlc } from './hlc';
import type { ClockMap, FieldMap } from './fields';

/**
 * The sync protocol between a desk and the server (docs/sync-protocol.md). Every request
 * carries the desk's schema version, its id and its clock; bodies are checked with these
 * schemas on both sides.
 */

/** The version of the record shapes this build reads and writes. Raise it with every change to a codec. */
export const SYNC_SCHEMA_VERSION = 1;

export const SYNC_HEADERS = {
  schema: 'x-desk-schema',
  deskId: 'x-desk-id',
  clock: 'x-desk-clock',
} as const;

export const MAX_BATCH_MUTATIONS = 500;
export const MAX_BATCH_BYTES = 1024 * 1024;
/**
 * The largest pull page. A new desk's first pull asks for it: 2,500 records a page took a
 * first sync of 100,000 records 12% less time than 1,000 did, and 5,000 no less again
 * (bench/RESULTS.md §10.3); a page is ~3 MB of JSON at most, and an interrupted pull
 * fetches at most that one page again.
 */
export const MAX_PULL_PAGE = 2500;

const HlcSchema = z.custom<Hlc>(isHlc, { message: 'Not a hybrid logical clock timestamp' });
const IdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'Ids use letters, digits, "-" and "_"');
const FieldNameSchema = z.string().min(1).max(200);
const JsonValueSchema = z.json();

export const DeskIdSchema = z.string().refine(isValidDeskId, 'A desk id uses 1–64 letters, digits, "-" or "_"');

/** One change made at a desk: the fields it set on one record, all stamped with one HLC. */
export const EditMutationSchema = z.object({
  id: z.uuid(),
  kind: z.literal('edit'),
  entity: EntityNameSchema,
  recordId: IdSchema,
  branchId: IdSchema,
  hlc: HlcSchema,
  fields: z.record(FieldNameSchema, JsonValueSchema).refine((f) => Object.keys(f).length > 0, 'An edit sets at least one field'),
});

/** Erasing a patron: their details and everything about them go, on every replica. */
export const EraseMutationSchema = z.object({
  id: z.uuid(),
  kind: z.literal('erase'),
  entity: z.literal('patron'),
  recordId: IdSchema,
  branchId: IdSchema,
  hlc: HlcSchema,
});

export const MutationSchema = z.discriminatedUnion('kind', [EditMutationSchema, EraseMutationSchema]);
export type Mutation = z.infer<typeof MutationSchema>;
export type EditMutation = z.infer<typeof EditMutationSchema>;
export type EraseMutation = z.infer<typeof EraseMutationSchema>;

export const PushRequestSchema = z.object({
  mutations: z.array(MutationSchema).min(1).max(MAX_BATCH_MUTATIONS, `At most ${MAX_BATCH_MUTATIONS} changes per batch`),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

/** Why the server refused one change; the desk shows the reason and offers to fix or discard it. */
export const REJECT_CODES = [
  'invalid', // the record would not be valid (fields say which)
  'forbidden', // the staff member may not change this branch's records, or erase
  'branch-mismatch', // the record (or its patron) belongs to another branch than the change claims
  'immutable', // follow-ups and their events never change once created
  'erased', // the patron was erased
  'clock-ahead', // stamped too far in the future (the desk restamps it once its clock is right)
] as const;
export type RejectCode = (typeof REJECT_CODES)[number];

export interface FieldIssue {
  path: string;
  message: string;
}

export type PushResult =
  | { mutationId: string; status: 'applied'; seq: number }
  | { mutationId: string; status: 'duplicate' }
  | { mutationId: string; status: 'rejected'; code: RejectCode; reason: string; issues?: FieldIssue[] };

export interface PushResponse {
  results: PushResult[];
  serverTime: number;
}

export const PullQuerySchema = z.object({
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_PAGE).default(500),
});

/** A record as the server holds it now. An erased patron has no fields: drop it and all its children. */
export interface PulledRecord {
  entity: z.infer<typeof EntityNameSchema>;
  id: string;
  branchId: string;
  patronId: string;
  fields: FieldMap;
  clocks: ClockMap;
  erased: boolean;
}

export interface PullResponse {
  records: PulledRecord[];
  /** Save it with the page, in the same transaction; send it back for the next page. */
  cursor: string;
  more: boolean;
  /** On the first page of a full pull (no cursor): how many records there are in all, for a progress bar. */
  total?: number;
  serverTime: number;
}

/** Whole-request refusals, each with its own HTTP status and a message for people. */
export const SYNC_ERROR_CODES = {
  'upgrade-required': 426,
  'server-too-old': 409,
  'clock-ahead': 409,
  'resync-required': 409,
  'bad-desk': 400,
} as const;
export type SyncErrorCode = keyof typeof SYNC_ERROR_CODES;

export interface SyncErrorBody {
  error: {
    code: SyncErrorCode | string;
    message: string;
    /** clock-ahead: the server's clock, so the desk can say by how much it is off. */
    serverTime?: number;
    /** upgrade-required: the oldest schema version the server still serves. */
    minSchema?: number;
  };
}

/** A poke on the live stream: something at or after `seq` changed in your branches; pull. */
export interface SyncPoke {
  seq: number;
}
