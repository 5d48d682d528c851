import { v7 as uuidv7 } from 'uuid';
import { CHANNELS } from '../../shared/domain/channels';
import type { Note } from '../../shared/domain/note';
import type { Patron } from '../../shared/domain/patron';
import type { Stamp } from '../../shared/domain/stamp';
import type { FollowUp } from '../../shared/followups/followUp';
import type { FollowUpEvent } from '../../shared/followups/followUpEvents';
import { CONTACT_OUTCOMES } from '../../shared/followups/followUpInput';
import { followUpCodec, followUpEventCodec, noteCodec, patronCodec } from '../../shared/sync/entities';
import { changedFields, type FieldMap } from '../../shared/sync/fields';
import { makePatron } from '../generator/generate';
import { INTERESTS, STREETS, TOWNS } from '../generator/names';
import { noteBody } from '../generator/noteText';
import type { Rng } from '../generator/prng';

/**
 * The records a desk writes, as the field maps its outbox would send: built as the app's
 * repositories build them (renderer/db/*Repo.ts) and turned into fields by the app's own
 * codecs (shared/sync/entities.ts), so the server validates exactly what a desk sends.
 */
export interface BuiltRecord {
  id: string;
  fields: FieldMap;
}

/** A follow-up the desk knows of, to log events against. */
export interface FollowUpRef {
  id: string;
  patronId: string;
}

/** The patron details generator spreads creation dates over this many patrons; only ids and names matter here. */
const GENERATOR_SPAN = 1_000_000_000;

/** A new patron with generated details (names, phones, emails, flags, stages), created now at this desk. */
export function newPatron(serial: number, branchId: string, stamp: Stamp): BuiltRecord {
  const generated = makePatron(serial, GENERATOR_SPAN, 0);
  // The generator now and then gives one person the same address twice; the desk's form refuses that, so no desk sends it.
  const emails = generated.emails.filter((e, i) => generated.emails.findIndex((o) => o.address === e.address) === i);
  const patron: Patron = { ...generated, emails, id: uuidv7(), branchId, created: stamp, updated: stamp, lastContactAt: stamp.at };
  return { id: patron.id, fields: patronCodec.toFields(patron) };
}

/** Any patron: an edit's fields are the difference between two states, as the outbox computes them. */
const TEMPLATE_PATRON = makePatron(0, GENERATOR_SPAN, 0);

/**
 * The fields of one edit of an existing patron's form or lists (a new phone number, an
 * address, an email, pronouns, an interest ticked), with its `updated` stamp.
 */
export function patronEdit(rng: Rng, stamp: Stamp): FieldMap {
  const before = TEMPLATE_PATRON;
  const after: Patron = { ...before, updated: stamp };
  const which = rng.int(0, 5);
  if (which === 0) after.phones = [{ label: 'mobile', number: `07${rng.digits(3)} ${rng.digits(6)}` }];
  else if (which === 1) after.address = `${rng.int(1, 240)} ${rng.pick(STREETS)}, ${rng.pick(TOWNS)}`;
  else if (which === 2) after.emails = [{ label: 'personal', address: `reader${rng.digits(6)}@example.org` }];
  else if (which === 3) after.pronouns = rng.pick(['she/her', 'he/him', 'they/them']);
  else if (which === 4) after.interests = [...before.interests, `${rng.pick(INTERESTS)} ${rng.digits(2)}`];
  else after.howWeMet = `Came to ${rng.pick(INTERESTS)} in ${rng.pick(TOWNS)}`;
  return changedFields(patronCodec.toFields(before), patronCodec.toFields(after));
}

/** A note (now and then an alert) on a patron, and the patron's last contact it moves forward. */
export function newNote(rng: Rng, patronId: string, branchId: string, stamp: Stamp): { note: BuiltRecord; lastContact: FieldMap } {
  const note: Note = { id: uuidv7(), patronId, branchId, body: noteBody(rng, 'They'), kind: rng.chance(0.06) ? 'alert' : 'note', created: stamp };
  return { note: { id: note.id, fields: noteCodec.toFields(note) }, lastContact: { lastContactAt: stamp.at } };
}

const REASONS = ['Call back about the local history query', 'Tell them the reserved book has arrived', 'Check they got on with the laptop loan', 'Invite to the job club', 'Ask how the reading group went'];

/** A follow-up on a patron; with a campaign, one of many made in one write. */
export function newFollowUp(rng: Rng, patronId: string, branchId: string, stamp: Stamp, campaign?: { id: string; name: string }): BuiltRecord {
  const followUp: FollowUp = {
    id: uuidv7(),
    patronId,
    branchId,
    reason: campaign ? `Campaign: ${campaign.name}` : rng.pick(REASONS),
    channel: rng.pick(CHANNELS),
    firstDueAt: stamp.at + rng.int(1, 14) * 86_400_000,
    assignee: rng.chance(0.7) ? { kind: 'queue' } : { kind: 'staff', name: stamp.staff },
    source: campaign ? { kind: 'campaign', campaignId: campaign.id, name: campaign.name } : { kind: 'manual' },
    message: '',
    created: stamp,
  };
  return { id: followUp.id, fields: followUpCodec.toFields(followUp) };
}

/** One thing that happened to a follow-up; `closes` once it is done, `contact` when it was a contact. */
export function newEvent(rng: Rng, ref: FollowUpRef, branchId: string, stamp: Stamp): { event: BuiltRecord; closes: boolean; contact: boolean } {
  const base = { id: uuidv7(), followUpId: ref.id, patronId: ref.patronId, branchId, stamp };
  const roll = rng.next();
  let event: FollowUpEvent;
  if (roll < 0.1) event = { ...base, type: 'claimed' };
  else if (roll < 0.5) event = { ...base, type: 'attempted', outcome: rng.pick(['no-answer', 'left-message', 'reached'] as const), comment: rng.chance(0.3) ? 'Will try again after lunch' : '' };
  else if (roll < 0.65) event = { ...base, type: 'snoozed', until: stamp.at + rng.int(1, 7) * 86_400_000 };
  else if (roll < 0.95) event = { ...base, type: 'done', outcome: rng.pick(['reached', 'emailed', 'letter-sent', 'declined'] as const), comment: '' };
  else event = { ...base, type: 'reassigned', to: { kind: 'queue' } };
  // As recordFollowUpEvent does: a contact moves the patron's last contact forward.
  const contact = (event.type === 'attempted' || event.type === 'done') && CONTACT_OUTCOMES.has(event.outcome);
  return { event: { id: event.id, fields: followUpEventCodec.toFields(event) }, closes: event.type === 'done', contact };
}
