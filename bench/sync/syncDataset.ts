import type { FollowUp } from '../../shared/followups/followUp';
import type { EntityName } from '../../shared/sync/entities';
import { followUpCodec, noteCodec, patronCodec } from '../../shared/sync/entities';
import type { ClockMap, FieldMap } from '../../shared/sync/fields';
import { formatHlc } from '../../shared/sync/hlc';
import { makePatronAndNotes, uuidv7At } from '../generator/generate';
import { rngFor } from '../generator/prng';

/**
 * The data set of issue 4's sync benchmarks, as the server stores it: patron i (the bench's
 * deterministic generator), its notes, and one follow-up each, every record with the field
 * clocks of the desk that made it. The same records feed the initial-sync bench (inserted
 * into sync_records) and the PouchDB comparison (one document per record).
 */
export interface ServerRecord {
  entity: EntityName;
  id: string;
  branchId: string;
  patronId: string;
  fields: FieldMap;
  clocks: ClockMap;
}

const FOLLOW_UP_STREAM = 3;
const DESK_ID = 'bench-desk';
const REASONS = ['Book due back, please call', 'Tell them the database trial has started', 'Ask about the reading group', 'We miss you'];

/** Every field stamped with one clock at `at`: what one write at the desk produces. */
function stamped(fields: FieldMap, at: number): ClockMap {
  const hlc = formatHlc({ wall: at, counter: 0, deskId: DESK_ID });
  const clocks: ClockMap = {};
  for (const k of Object.keys(fields)) clocks[k] = hlc;
  return clocks;
}

function followUpOf(patronId: string, branchId: string, i: number, createdAt: number): FollowUp {
  const rng = rngFor(FOLLOW_UP_STREAM, i);
  const at = createdAt + rng.int(86_400_000, 400 * 86_400_000);
  return {
    id: uuidv7At(at, rng),
    patronId,
    branchId,
    reason: rng.pick(REASONS),
    channel: rng.pick(['phone', 'email', 'letter'] as const),
    firstDueAt: at + rng.int(3_600_000, 14 * 86_400_000),
    assignee: rng.chance(0.7) ? { kind: 'queue' } : { kind: 'staff', name: 'Ada Lovelace' },
    source: { kind: 'manual' },
    message: '',
    created: { staff: 'Ada Lovelace', deskId: DESK_ID, deskName: 'Front desk', at },
  };
}

/**
 * Records of patrons [from, to) of a data set of `count` patrons, in the order a desk wrote
 * them (a patron, its notes, its follow-up), all in `branchId`.
 */
export function syncRecords(from: number, to: number, count: number, notesPerPatron: number, branchId: string): ServerRecord[] {
  const out: ServerRecord[] = [];
  for (let i = from; i < to; i++) {
    const made = makePatronAndNotes(i, count, notesPerPatron);
    // The generator repeats an email address now and then, which the app refuses: keep the first.
    const emails = made.patron.emails.filter((e, k, all) => all.findIndex((o) => o.address === e.address) === k);
    const patron = { ...made.patron, emails, branchId };
    const patronFields = patronCodec.toFields(patron);
    out.push({ entity: 'patron', id: patron.id, branchId, patronId: patron.id, fields: patronFields, clocks: stamped(patronFields, patron.created.at) });
    for (const n of made.notes) {
      const fields = noteCodec.toFields({ ...n, branchId });
      out.push({ entity: 'note', id: n.id, branchId, patronId: patron.id, fields, clocks: stamped(fields, n.edited?.at ?? n.created.at) });
    }
    const followUp = followUpOf(patron.id, branchId, i, patron.created.at);
    const fields = followUpCodec.toFields(followUp);
    out.push({ entity: 'followUp', id: followUp.id, branchId, patronId: patron.id, fields, clocks: stamped(fields, followUp.created.at) });
  }
  return out;
}
