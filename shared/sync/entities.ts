import { z } from 'zod';
import { FlagSchema, type Flag } from '../domain/flags';
import { NoteSchema, type Note } from '../domain/note';
import { PatronSchema, type Patron } from '../domain/patron';
import { patronIndexKeys } from '../domain/patronIndexKeys';
import { PatronRequestSchema, type PatronRequest } from '../domain/request';
import { StageChangeSchema, type StageChange } from '../domain/stages';
import { FollowUpEventSchema, type FollowUpEvent } from '../followups/followUpEvents';
import { FollowUpSchema, type FollowUp } from '../followups/followUp';
import type { ClockMap, FieldMap, Json, MergePolicy } from './fields';

/**
 * What syncs, and how each kind of record becomes a field map and back.
 *
 * A field is the unit of last-writer-wins. Most are top-level properties, but lists that
 * two desks grow independently are split into one field per member, so concurrent edits
 * both survive: a flag is `flag:<id>`, a stage move `stage:<at>:<desk>:<stageId>`, an
 * interest `interest:<tag>` (true, or null once removed). Derived properties (search terms,
 * indexed flag kinds, the follow-up's pendingDueAt cache) are not fields: each replica
 * recomputes them.
 *
 * Follow-ups and follow-up events are immutable once created (state is the fold of the
 * events), so they sync as records that are written once; the server refuses to change them.
 */
export const ENTITY_NAMES = ['patron', 'note', 'request', 'followUp', 'followUpEvent'] as const;
export const EntityNameSchema = z.enum(ENTITY_NAMES);
export type EntityName = z.infer<typeof EntityNameSchema>;

export interface EntityCodec<T> {
  /** The desk's Dexie table. */
  table: 'patrons' | 'notes' | 'requests' | 'followUps' | 'followUpEvents';
  immutable: boolean;
  /** The patron a record belongs to (itself for a patron): erasure removes it with them. */
  patronIdOf(record: T): string;
  toFields(record: T): FieldMap;
  /**
   * The names of the fields toFields gives, without building their values: a pulled record's
   * fields this build does not know are the ones not named here (toFields copies every value,
   * a third of the time a new desk spent building each pulled patron).
   */
  fieldNamesOf(record: T): readonly string[];
  /** Rebuilds the record, or explains why these fields do not make a valid one. */
  fromFields(id: string, fields: FieldMap, clocks: ClockMap): { ok: true; record: T } | { ok: false; issues: z.core.$ZodIssue[] };
  policyOf(field: string): MergePolicy;
}

const lww = (): MergePolicy => 'lww';
const asJson = (v: unknown): Json => (v === undefined ? null : (JSON.parse(JSON.stringify(v)) as Json));

/** Top-level properties become fields one for one; undefined becomes null. */
function plainFields<T extends object>(record: T, keys: readonly (keyof T & string)[]): FieldMap {
  const out: FieldMap = {};
  for (const k of keys) out[k] = asJson(record[k]);
  return out;
}

/** The record's properties from its fields, null meaning absent. */
function plainRecord(id: string, fields: FieldMap, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { id };
  for (const k of keys) {
    const v = fields[k];
    if (v !== null && v !== undefined) out[k] = v;
  }
  return out;
}

function validated<T>(schema: z.ZodType<T>, value: unknown): { ok: true; record: T } | { ok: false; issues: z.core.$ZodIssue[] } {
  const r = schema.safeParse(value);
  return r.success ? { ok: true, record: r.data } : { ok: false, issues: r.error.issues };
}

const PATRON_KEYS = [
  'branchId', 'title', 'firstName', 'lastName', 'cardNumber', 'phones', 'emails', 'address', 'pronouns', 'language',
  'howWeMet', 'contact', 'created', 'updated', 'lastContactAt',
] as const satisfies readonly (keyof Patron)[];

const FLAG = 'flag:';
const STAGE = 'stage:';
const INTEREST = 'interest:';
const stageKey = (s: StageChange) => `${STAGE}${s.set.at}:${s.set.deskId}:${s.stageId}`;

export const patronCodec: EntityCodec<Patron> = {
  table: 'patrons',
  immutable: false,
  patronIdOf: (p) => p.id,
  toFields(p) {
    const out = plainFields(p, PATRON_KEYS);
    for (const f of p.flags) out[`${FLAG}${f.id}`] = asJson(f);
    for (const s of p.stageHistory) out[stageKey(s)] = asJson(s);
    for (const i of p.interests) out[`${INTEREST}${i}`] = true;
    return out;
  },
  fieldNamesOf: (p) => [
    ...PATRON_KEYS,
    ...p.flags.map((f) => `${FLAG}${f.id}`),
    ...p.stageHistory.map(stageKey),
    ...p.interests.map((i) => `${INTEREST}${i}`),
  ],
  fromFields(id, fields, clocks) {
    const flags: Flag[] = [];
    const stageHistory: StageChange[] = [];
    const interests: Array<[string, string]> = [];
    for (const [k, v] of Object.entries(fields)) {
      if (v === null) continue;
      const member = k.startsWith(FLAG) ? FlagSchema.safeParse(v) : k.startsWith(STAGE) ? StageChangeSchema.safeParse(v) : undefined;
      if (member && !member.success) return { ok: false, issues: member.error.issues.map((i) => ({ ...i, path: [k, ...i.path] })) };
      if (k.startsWith(FLAG)) flags.push(member!.data as Flag);
      else if (k.startsWith(STAGE)) stageHistory.push(member!.data as StageChange);
      else if (k.startsWith(INTEREST)) interests.push([clocks[k] ?? '', k.slice(INTEREST.length)]);
    }
    // Every replica must build the same lists from the same fields, whatever order they came in.
    flags.sort((a, b) => a.set.at - b.set.at || cmp(a.id, b.id));
    stageHistory.sort((a, b) => a.set.at - b.set.at || cmp(stageKey(a), stageKey(b)));
    interests.sort((a, b) => cmp(a[0], b[0]) || cmp(a[1], b[1]));
    const draft = { ...plainRecord(id, fields, PATRON_KEYS), flags, stageHistory, interests: interests.map(([, tag]) => tag), terms: [] };
    const parsed = validated(PatronSchema, draft);
    if (!parsed.ok) return parsed;
    return { ok: true, record: { ...parsed.record, ...patronIndexKeys(parsed.record) } };
  },
  policyOf: (field) => (field === 'lastContactAt' ? 'max' : 'lww'),
};

const NOTE_KEYS = ['patronId', 'branchId', 'body', 'kind', 'expiresOn', 'created', 'edited', 'acknowledged', 'deleted'] as const satisfies readonly (keyof Note)[];
export const noteCodec: EntityCodec<Note> = {
  table: 'notes',
  immutable: false,
  patronIdOf: (n) => n.patronId,
  toFields: (n) => plainFields(n, NOTE_KEYS),
  fieldNamesOf: () => NOTE_KEYS,
  fromFields: (id, fields) => validated(NoteSchema, plainRecord(id, fields, NOTE_KEYS)),
  policyOf: lww,
};

const REQUEST_KEYS = ['patronId', 'branchId', 'resource', 'requestedOn', 'created', 'notified', 'deleted'] as const satisfies readonly (keyof PatronRequest)[];
export const requestCodec: EntityCodec<PatronRequest> = {
  table: 'requests',
  immutable: false,
  patronIdOf: (r) => r.patronId,
  toFields: (r) => plainFields(r, REQUEST_KEYS),
  fieldNamesOf: () => REQUEST_KEYS,
  fromFields: (id, fields) => validated(PatronRequestSchema, plainRecord(id, fields, REQUEST_KEYS)),
  policyOf: lww,
};

const FOLLOW_UP_KEYS = [
  'patronId', 'branchId', 'reason', 'channel', 'channelOverride', 'firstDueAt', 'recurrence', 'assignee', 'source', 'message', 'created',
] as const satisfies readonly (keyof FollowUp)[];
/** Built once: zod compiles a schema on its first use, which costs far more than a parse (bench/RESULTS.md §9). */
const PulledFollowUpSchema = FollowUpSchema.omit({ pendingDueAt: true });
export const followUpCodec: EntityCodec<FollowUp> = {
  table: 'followUps',
  immutable: true,
  patronIdOf: (f) => f.patronId,
  toFields: (f) => plainFields(f, FOLLOW_UP_KEYS),
  fieldNamesOf: () => FOLLOW_UP_KEYS,
  fromFields: (id, fields) => validated(PulledFollowUpSchema, plainRecord(id, fields, FOLLOW_UP_KEYS)),
  policyOf: lww,
};

/**
 * An event's body varies by type, so its properties are taken as they come: all but the id
 * and the replica's own bookkeeping (properties starting with "_", like the field clocks).
 */
export const followUpEventCodec: EntityCodec<FollowUpEvent> = {
  table: 'followUpEvents',
  immutable: true,
  patronIdOf: (e) => e.patronId,
  toFields(e) {
    const out: FieldMap = {};
    for (const [k, v] of Object.entries(e)) if (k !== 'id' && !k.startsWith('_')) out[k] = asJson(v);
    return out;
  },
  fieldNamesOf: (e) => Object.keys(e).filter((k) => k !== 'id' && !k.startsWith('_')),
  fromFields(id, fields) {
    const draft: Record<string, unknown> = { id };
    for (const [k, v] of Object.entries(fields)) if (v !== null) draft[k] = v;
    return validated(FollowUpEventSchema, draft);
  },
  policyOf: lww,
};

export interface EntityRecords {
  patron: Patron;
  note: Note;
  request: PatronRequest;
  followUp: FollowUp;
  followUpEvent: FollowUpEvent;
}
export type SyncedRecord = EntityRecords[EntityName];

export const CODECS: { [E in EntityName]: EntityCodec<EntityRecords[E]> } = {
  patron: patronCodec,
  note: noteCodec,
  request: requestCodec,
  followUp: followUpCodec,
  followUpEvent: followUpEventCodec,
};

/** The codec of an entity named at run time (a pulled record, a pushed change). */
export function codecOf(entity: EntityName): EntityCodec<SyncedRecord> {
  return CODECS[entity] as EntityCodec<SyncedRecord>;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
