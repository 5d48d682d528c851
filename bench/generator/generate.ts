import type { Patron } from '../../shared/domain/patron';
import type { Note } from '../../shared/domain/note';
import type { Stamp } from '../../shared/domain/stamp';
import type { Flag, FlagKind } from '../../shared/domain/flags';
import { FLAG_KINDS } from '../../shared/domain/flags';
import { unclearedFlagKinds } from '../../shared/domain/patronIndexKeys';
import { DEFAULT_LADDER } from '../../shared/domain/stages';
import { EMPTY_CONTACT_PREFERENCES, type ContactPreferences } from '../../shared/domain/contactPreferences';
import { foldForSearch } from '../../shared/search/fold';
import { patronSearchTerms } from '../../shared/search/searchKeys';
import { EMAIL_DOMAINS, HOW_WE_MET, INTERESTS, NAME_GROUPS, STAFF, STREETS, TITLES, TOWNS, type NameGroup } from './names';
import { rngFor, zipfPicker, type Rng } from './prng';
import { noteBody } from './noteText';

/**
 * Deterministic bench data: patron i is a pure function of i, so the page seeds it and
 * Node rebuilds it (to know every query's expected results) without sharing anything.
 */
const PATRON_STREAM = 1;
const NOTE_STREAM = 2;
/** Patrons join over three years before the bench's "today" (2026-11-22). */
const FIRST_DAY = Date.UTC(2023, 10, 22);
const SPAN_MS = 3 * 365 * 86_400_000;
const DESK = { deskId: 'bench-desk', deskName: 'Front desk' };
export const BENCH_BRANCH = 'local';

const groupTotal = NAME_GROUPS.reduce((s, g) => s + g.weight, 0);
const firstPickers = new Map(NAME_GROUPS.map((g) => [g, zipfPicker(g.first, 0.7)]));
const lastPickers = new Map(NAME_GROUPS.map((g) => [g, zipfPicker(g.last, 0.9)]));

function pickGroup(rng: Rng): NameGroup {
  let x = rng.next() * groupTotal;
  for (const g of NAME_GROUPS) {
    x -= g.weight;
    if (x < 0) return g;
  }
  return NAME_GROUPS[0]!;
}

/** A UUIDv7-shaped id from a time and the stream, like the app's newId() (time-ordered keys). */
export function uuidv7At(at: number, rng: Rng): string {
  const hex = (n: number, len: number) => Math.floor(n).toString(16).padStart(len, '0').slice(-len);
  const ms = hex(at, 12);
  const rand = () => hex(rng.next() * 0x10000, 4);
  const variant = hex(0x8000 | (rng.next() * 0x4000), 4);
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${rand().slice(1)}-${variant}-${rand()}${rand()}${rand()}`;
}

function stamp(rng: Rng, at: number): Stamp {
  return { staff: rng.pick(STAFF), ...DESK, at };
}

/** Unique per patron: a 14-digit barcode (most) or a legacy hyphenated card. */
function cardNumber(i: number, rng: Rng): string {
  if (rng.chance(0.15)) return `LIB-${String(i).padStart(7, '0')}`;
  const seq = (i * 48271 + 12345) % 999_999_937;
  return `21234${String(seq).padStart(9, '0')}`;
}

function phoneNumber(group: NameGroup, rng: Rng): string {
  const kind = rng.next();
  if (group.callingCode !== '' && kind < 0.35) return `+${group.callingCode} ${rng.digits(3)} ${rng.digits(3)} ${rng.digits(3)}`;
  if (kind < 0.75) return `07${rng.digits(3)} ${rng.digits(6)}`;
  if (kind < 0.9) return `0113 ${rng.digits(3)} ${rng.digits(4)}`;
  return `(020) ${rng.digits(4)}-${rng.digits(4)}`;
}

/** ASCII local part from a name, as mail providers make them ("Müller" → "muller"). */
function asciiWord(text: string): string {
  return foldForSearch(text).replace(/[^a-z0-9]+/g, '');
}

function emailAddress(first: string, last: string, rng: Rng, n: number): string {
  const f = asciiWord(first) || 'patron';
  const l = asciiWord(last) || 'x';
  const domain = rng.pick(EMAIL_DOMAINS);
  const style = rng.int(0, 3);
  const local = style === 0 ? `${f}.${l}` : style === 1 ? `${f[0]}${l}${rng.int(1, 99)}` : style === 2 ? `${l}.${f}${n}` : `${f}${rng.digits(3)}`;
  return `${local}@${domain}`;
}

function contactPreferences(rng: Rng): ContactPreferences {
  if (rng.chance(0.7)) return EMPTY_CONTACT_PREFERENCES;
  return {
    channels: rng.chance(0.5) ? ['phone', 'email'] : ['letter'],
    bestTimes: rng.chance(0.5) ? [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '10:00', to: '12:00' }] : [],
    note: rng.chance(0.3) ? 'Prefers a call after the morning rush' : '',
  };
}

function flags(rng: Rng, at: number): Flag[] {
  if (!rng.chance(0.05)) return [];
  const kind: FlagKind = rng.pick(FLAG_KINDS);
  return [{ id: uuidv7At(at + 1000, rng), kind, reason: kind === 'phone-only' || kind === 'large-print' || kind === 'hard-of-hearing' ? '' : 'Asked at the desk', source: 'At the desk', set: stamp(rng, at + 1000) }];
}

export function patronCreatedAt(i: number, count: number): number {
  return FIRST_DAY + Math.floor((i / Math.max(count, 1)) * SPAN_MS);
}

/**
 * Patron i of a data set of `count` patrons (count only spreads the creation dates) and its
 * notes. lastContactAt is what the app keeps: the latest live note, else the creation time.
 */
export function makePatronAndNotes(i: number, count: number, notesPerPatron: number): { patron: Patron; notes: Note[] } {
  const patron = patronWithoutContact(i, count);
  const notes = makeNotes(patron, i, notesPerPatron);
  const lastContactAt = notes.reduce((at, n) => (n.deleted ? at : Math.max(at, n.created.at)), patron.created.at);
  return { patron: { ...patron, lastContactAt }, notes };
}

export function makePatron(i: number, count: number, notesPerPatron = 3): Patron {
  return makePatronAndNotes(i, count, notesPerPatron).patron;
}

function patronWithoutContact(i: number, count: number): Omit<Patron, 'lastContactAt'> {
  const rng = rngFor(PATRON_STREAM, i);
  const group = pickGroup(rng);
  const firstName = firstPickers.get(group)!(rng);
  // A few patrons have a double surname drawn from two groups (mixed families).
  const lastName = rng.chance(0.05) ? `${lastPickers.get(group)!(rng)} ${lastPickers.get(pickGroup(rng))!(rng)}` : lastPickers.get(group)!(rng);
  const at = patronCreatedAt(i, count) + rng.int(0, 3_600_000);
  const phones = Array.from({ length: rng.chance(0.3) ? 2 : 1 }, (_, k) => ({
    label: k === 0 ? ('mobile' as const) : rng.pick(['home', 'work'] as const),
    number: phoneNumber(group, rng),
  }));
  const emailCount = rng.chance(0.3) ? 0 : rng.chance(0.28) ? 2 : 1;
  const emails = Array.from({ length: emailCount }, (_, k) => ({
    label: k === 0 ? ('personal' as const) : ('work' as const),
    address: emailAddress(firstName, lastName, rng, k),
  }));
  const details = {
    title: rng.chance(0.12) ? rng.pick(TITLES) : '',
    firstName,
    lastName,
    cardNumber: cardNumber(i, rng),
    phones,
    emails,
    address: `${rng.int(1, 240)} ${rng.pick(STREETS)}, ${rng.pick(TOWNS)}`,
    pronouns: rng.chance(0.15) ? rng.pick(['she/her', 'he/him', 'they/them']) : '',
    language: group.language,
    howWeMet: rng.pick(HOW_WE_MET),
  };
  const created = stamp(rng, at);
  const stageCount = rng.int(0, 2);
  const patron = {
    ...details,
    id: uuidv7At(at, rng),
    branchId: BENCH_BRANCH,
    contact: contactPreferences(rng),
    flags: flags(rng, at),
    interests: Array.from(new Set(Array.from({ length: rng.int(0, 3) }, () => rng.pick(INTERESTS)))),
    stageHistory: DEFAULT_LADDER.slice(0, stageCount).map((s, k) => ({ stageId: s.id, label: s.label, set: stamp(rng, at + (k + 1) * 86_400_000) })),
    created,
    updated: created,
    terms: patronSearchTerms(details),
  };
  // Derived after the fact: the random draws above stay in the same order, so the data set does not change.
  return { ...patron, flagKinds: unclearedFlagKinds(patron.flags) };
}

/** The notes of patron i (an alert now and then; a few soft-deleted or edited). */
function makeNotes(patron: Omit<Patron, 'lastContactAt'>, i: number, perPatron: number): Note[] {
  const rng = rngFor(NOTE_STREAM, i);
  const notes: Note[] = [];
  let at = patron.created.at;
  for (let k = 0; k < perPatron; k++) {
    at += rng.int(3_600_000, 60 * 86_400_000);
    const alert = rng.chance(0.06);
    const note: Note = {
      id: uuidv7At(at, rng),
      patronId: patron.id,
      branchId: patron.branchId,
      body: noteBody(rng, patron.firstName || patron.lastName),
      kind: alert ? 'alert' : 'note',
      created: stamp(rng, at),
      ...(alert && rng.chance(0.5) ? { expiresOn: new Date(at + 30 * 86_400_000).toISOString().slice(0, 10) } : {}),
      ...(rng.chance(0.05) ? { edited: stamp(rng, at + 600_000) } : {}),
      ...(rng.chance(0.02) ? { deleted: stamp(rng, at + 900_000) } : {}),
    };
    notes.push(note);
  }
  return notes;
}

/** Patrons [from, to) and their notes, ready for bulkPut. */
export function makeChunk(from: number, to: number, count: number, notesPerPatron: number): { patrons: Patron[]; notes: Note[] } {
  const patrons: Patron[] = [];
  const notes: Note[] = [];
  for (let i = from; i < to; i++) {
    const made = makePatronAndNotes(i, count, notesPerPatron);
    patrons.push(made.patron);
    notes.push(...made.notes);
  }
  return { patrons, notes };
}
