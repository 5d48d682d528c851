import { z, type ZodError } from 'zod';
import { validationError } from '@shared/errors/deskError';
import { DEFAULT_LADDER, LadderSchema, type Stage } from '@shared/domain/stages';
import { validationErrorFromZod } from '@shared/errors/zodIssues';
import type { DeskDb } from './deskDb';
import { newDeskIdentity, type DeskIdentity } from './deskIdentity';

export { LOCAL_BRANCH_ID, type DeskIdentity } from './deskIdentity';
const DeskNameSchema = z.string().trim().min(1, 'Give this desk a name').max(60, 'Keep the desk name under 60 characters');
const StaffNameSchema = z.string().trim().min(1, 'Type your name').max(80, 'Keep the name under 80 characters');

/** A single-value schema's failure, reported against the form field it came from. */
function fieldError(field: string, error: ZodError) {
  return validationError([{ field, message: error.issues[0]?.message ?? 'Invalid value' }]);
}

/** Reads this desk's identity, creating it (with a fresh id) the first time the database opens. */
export async function ensureDesk(db: DeskDb): Promise<DeskIdentity> {
  return db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get('desk');
    if (row) return row.value as DeskIdentity;
    const desk = newDeskIdentity();
    await db.meta.put({ key: 'desk', value: desk });
    return desk;
  });
}

export async function renameDesk(db: DeskDb, name: string): Promise<DeskIdentity> {
  const parsed = DeskNameSchema.safeParse(name);
  if (!parsed.success) throw fieldError('deskName', parsed.error);
  return db.transaction('rw', db.meta, async () => {
    const desk = await ensureDesk(db);
    const next = { ...desk, name: parsed.data };
    await db.meta.put({ key: 'desk', value: next });
    return next;
  });
}

/** The engagement ladder's stage names as this desk has configured them. */
export async function readLadder(db: DeskDb): Promise<Stage[]> {
  const row = await db.meta.get('ladder');
  return row ? (row.value as Stage[]) : [...DEFAULT_LADDER];
}

export async function saveLadder(db: DeskDb, ladder: unknown): Promise<Stage[]> {
  const parsed = LadderSchema.safeParse(ladder);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  await db.meta.put({ key: 'ladder', value: parsed.data });
  return parsed.data;
}

/** Names of staff who have used this desk, most recent first, for the two-click switcher. */
export async function readKnownStaff(db: DeskDb): Promise<string[]> {
  const row = await db.meta.get('staff');
  return row ? (row.value as string[]) : [];
}

/** Validates a staff name and moves it to the front of this desk's list. Returns the clean name. */
export async function rememberStaff(db: DeskDb, name: string): Promise<string> {
  const parsed = StaffNameSchema.safeParse(name);
  if (!parsed.success) throw fieldError('staff', parsed.error);
  const clean = parsed.data;
  await db.transaction('rw', db.meta, async () => {
    const known = await readKnownStaff(db);
    const next = [clean, ...known.filter((n) => n.toLowerCase() !== clean.toLowerCase())].slice(0, 30);
    await db.meta.put({ key: 'staff', value: next });
  });
  return clean;
}

export async function forgetStaff(db: DeskDb, name: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const known = await readKnownStaff(db);
    await db.meta.put({ key: 'staff', value: known.filter((n) => n !== name) });
  });
}

/** Patrons recently opened at this desk, newest first, for the home screen. */
export async function readRecentPatronIds(db: DeskDb): Promise<string[]> {
  const row = await db.meta.get('recent');
  return row ? (row.value as string[]) : [];
}

export async function markPatronOpened(db: DeskDb, patronId: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const recent = await readRecentPatronIds(db);
    const next = [patronId, ...recent.filter((id) => id !== patronId)].slice(0, 12);
    await db.meta.put({ key: 'recent', value: next });
  });
}

/** The sync server's address as typed at this desk (Electron); undefined until someone sets one. */
export async function readServerUrl(db: DeskDb): Promise<string | undefined> {
  const row = await db.meta.get('serverUrl');
  return typeof row?.value === 'string' ? row.value : undefined;
}

/** Keeps a server address as its origin ("https://diary.example.org"); refuses anything but http(s). */
export async function saveServerUrl(db: DeskDb, address: string): Promise<string> {
  const trimmed = address.trim();
  let origin: string;
  try {
    const url = new URL(/^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http');
    origin = url.origin;
  } catch {
    throw validationError([{ field: 'serverUrl', message: 'Type the server address, e.g. https://diary.example.org' }]);
  }
  await db.meta.put({ key: 'serverUrl', value: origin });
  return origin;
}

/** Records the branch this desk now belongs to (after its local records were adopted into it). */
export async function saveDeskBranch(db: DeskDb, branchId: string): Promise<DeskIdentity> {
  return db.transaction('rw', db.meta, async () => {
    const desk = await ensureDesk(db);
    const next = { ...desk, branchId };
    await db.meta.put({ key: 'desk', value: next });
    return next;
  });
}
