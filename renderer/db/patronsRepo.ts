import { ContactPreferencesSchema, EMPTY_CONTACT_PREFERENCES } from '@shared/domain/contactPreferences';
import { FlagInputSchema } from '@shared/domain/flags';
import {
  displayName,
  InterestSchema,
  normaliseCardNumber,
  PatronDetailsSchema,
  type Patron,
  type PatronDetails,
} from '@shared/domain/patron';
import { patronIndexKeys } from '@shared/domain/patronIndexKeys';
import { DeskError, validationError } from '@shared/errors/deskError';
import { validationErrorFromZod } from '@shared/errors/zodIssues';
import type { DeskDb } from './deskDb';
import { readLadder } from './deskMeta';
import { newId } from './ids';
import { stampOf, type WriteContext } from './writeContext';

function parseDetails(input: unknown): PatronDetails {
  const parsed = PatronDetailsSchema.safeParse(input);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  return parsed.data;
}

/** Refuses a card number another patron already holds; runs inside the write transaction. */
async function assertCardNumberFree(db: DeskDb, cardNumber: string, ownId: string | undefined): Promise<void> {
  if (cardNumber === '') return;
  const holder = await db.patrons.where('cardNumber').equals(cardNumber).first();
  if (holder && holder.id !== ownId) {
    throw validationError([
      { field: 'cardNumber', message: `Card ${cardNumber} already belongs to ${displayName(holder)}` },
    ]);
  }
}

/** Creates a patron from the form's fields. Validates everything before anything is written. */
export async function createPatron(db: DeskDb, ctx: WriteContext, input: unknown): Promise<Patron> {
  const details = parseDetails(input);
  return db.transaction('rw', db.patrons, async () => {
    await assertCardNumberFree(db, details.cardNumber, undefined);
    const stamp = stampOf(ctx);
    const patron: Patron = {
      ...details,
      id: newId(),
      branchId: ctx.branchId,
      contact: EMPTY_CONTACT_PREFERENCES,
      flags: [],
      interests: [],
      stageHistory: [],
      created: stamp,
      updated: stamp,
      lastContactAt: stamp.at,
      ...patronIndexKeys({ ...details, flags: [] }),
    };
    await db.patrons.add(patron);
    return patron;
  });
}

/**
 * Reads, changes and writes one patron in a single transaction, stamping the change.
 * `change` must be synchronous: an await on anything but this transaction would commit it early.
 */
async function modifyPatron(
  db: DeskDb,
  ctx: WriteContext,
  id: string,
  change: (patron: Patron) => Patron,
  check?: (next: Patron) => Promise<void>,
): Promise<Patron> {
  return db.transaction('rw', db.patrons, async () => {
    const current = await db.patrons.get(id);
    if (!current) throw new DeskError('not-found', 'This patron no longer exists on this desk');
    const changed = change(current);
    if (check) await check(changed);
    const next: Patron = { ...changed, updated: stampOf(ctx), ...patronIndexKeys(changed) };
    await db.patrons.put(next);
    return next;
  });
}

/** Replaces the form fields of a patron; flags, preferences, stage and interests are untouched. */
export async function updatePatronDetails(db: DeskDb, ctx: WriteContext, id: string, input: unknown): Promise<Patron> {
  const details = parseDetails(input);
  return modifyPatron(db, ctx, id, (p) => ({ ...p, ...details }), (next) => assertCardNumberFree(db, next.cardNumber, id));
}

export async function setContactPreferences(db: DeskDb, ctx: WriteContext, id: string, input: unknown): Promise<Patron> {
  const parsed = ContactPreferencesSchema.safeParse(input);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  return modifyPatron(db, ctx, id, (p) => ({ ...p, contact: parsed.data }));
}

export async function addFlag(db: DeskDb, ctx: WriteContext, id: string, input: unknown): Promise<Patron> {
  const parsed = FlagInputSchema.safeParse(input);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  const { kind, reason, source, expiresOn } = parsed.data;
  const flag = { id: newId(), kind, reason, source, set: stampOf(ctx), ...(expiresOn ? { expiresOn } : {}) };
  return modifyPatron(db, ctx, id, (p) => ({ ...p, flags: [...p.flags, flag] }));
}

/** Clears a flag but keeps it in the patron's history with who cleared it and when. */
export async function clearFlag(db: DeskDb, ctx: WriteContext, id: string, flagId: string): Promise<Patron> {
  return modifyPatron(db, ctx, id, (p) => {
    if (!p.flags.some((f) => f.id === flagId && !f.cleared)) throw new DeskError('not-found', 'That flag is already cleared');
    return { ...p, flags: p.flags.map((f) => (f.id === flagId ? { ...f, cleared: stampOf(ctx) } : f)) };
  });
}

export async function addInterest(db: DeskDb, ctx: WriteContext, id: string, raw: string): Promise<Patron> {
  const parsed = InterestSchema.safeParse(raw);
  if (!parsed.success) throw validationError([{ field: 'interest', message: parsed.error.issues[0]?.message ?? 'Invalid interest' }]);
  return modifyPatron(db, ctx, id, (p) =>
    p.interests.includes(parsed.data) ? p : { ...p, interests: [...p.interests, parsed.data] },
  );
}

export async function removeInterest(db: DeskDb, ctx: WriteContext, id: string, interest: string): Promise<Patron> {
  return modifyPatron(db, ctx, id, (p) => ({ ...p, interests: p.interests.filter((i) => i !== interest) }));
}

/** Moves the patron to a stage of the ladder; the move is appended to the dated history. */
export async function setStage(db: DeskDb, ctx: WriteContext, id: string, stageId: string): Promise<Patron> {
  const ladder = await readLadder(db);
  const stage = ladder.find((s) => s.id === stageId);
  if (!stage) throw validationError([{ field: 'stage', message: 'Choose one of the ladder\'s stages' }]);
  return modifyPatron(db, ctx, id, (p) => ({
    ...p,
    stageHistory: [...p.stageHistory, { stageId: stage.id, label: stage.label, set: stampOf(ctx) }],
  }));
}

/** The patron holding this card number, if any (what a card scan opens). */
export async function findPatronByCard(db: DeskDb, raw: string): Promise<Patron | undefined> {
  const card = normaliseCardNumber(raw);
  if (card === '') return undefined;
  return db.patrons.where('cardNumber').equals(card).first();
}
