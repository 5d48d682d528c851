import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LADDER } from '@shared/domain/stages';
import { freshDb, rejectionOf } from '../test/renderDesk';
import type { DeskDb } from './deskDb';
import {
  ensureDesk,
  forgetStaff,
  markPatronOpened,
  readKnownStaff,
  readLadder,
  readRecentPatronIds,
  rememberStaff,
  renameDesk,
  saveLadder,
} from './deskMeta';

let db: DeskDb;
beforeEach(() => {
  db = freshDb();
});

describe('desk identity', () => {
  it('creates the desk once and returns the same id afterwards', async () => {
    const first = await ensureDesk(db);
    const second = await ensureDesk(db);
    expect(first.id).not.toBe('');
    expect(second).toEqual(first);
    expect(first.branchId).toBe('local');
    expect(await db.meta.count()).toBe(1);
  });

  it('creates one desk when asked twice at once (React strict mode runs the effect twice)', async () => {
    const [a, b] = await Promise.all([ensureDesk(db), ensureDesk(db)]);
    expect(b.id).toBe(a.id);
    expect((await ensureDesk(db)).id).toBe(a.id);
  });

  it('gives two databases different desk ids', async () => {
    expect((await ensureDesk(db)).id).not.toBe((await ensureDesk(freshDb())).id);
  });

  it('renames the desk, keeping its id, and refuses a blank name', async () => {
    const desk = await ensureDesk(db);
    expect(await renameDesk(db, '  Reference  ')).toEqual({ ...desk, name: 'Reference' });
    expect(await ensureDesk(db)).toEqual({ ...desk, name: 'Reference' });
    const err = await rejectionOf(renameDesk(db, '   '));
    expect(err.issues).toEqual([{ field: 'deskName', message: 'Give this desk a name' }]);
    expect((await ensureDesk(db)).name).toBe('Reference');
  });
});

describe('known staff', () => {
  it('puts the most recent first and dedupes case-insensitively', async () => {
    await rememberStaff(db, 'Anna');
    await rememberStaff(db, 'Ben');
    await rememberStaff(db, 'Chloe');
    expect(await rememberStaff(db, '  anna ')).toBe('anna');
    expect(await readKnownStaff(db)).toEqual(['anna', 'Chloe', 'Ben']);
  });

  it('refuses an empty name without touching the list', async () => {
    await rememberStaff(db, 'Anna');
    const err = await rejectionOf(rememberStaff(db, '  '));
    expect(err.issues).toEqual([{ field: 'staff', message: 'Type your name' }]);
    expect(await readKnownStaff(db)).toEqual(['Anna']);
  });

  it('forgets a name', async () => {
    await rememberStaff(db, 'Anna');
    await rememberStaff(db, 'Ben');
    await forgetStaff(db, 'Anna');
    expect(await readKnownStaff(db)).toEqual(['Ben']);
  });
});

describe('ladder', () => {
  it('starts with the default ladder and saves a valid one', async () => {
    expect(await readLadder(db)).toEqual(DEFAULT_LADDER);
    const ladder = [{ id: 'tryer', label: ' First visit ' }, { id: 'regular', label: 'Regular' }];
    expect(await saveLadder(db, ladder)).toEqual([{ id: 'tryer', label: 'First visit' }, { id: 'regular', label: 'Regular' }]);
    expect(await readLadder(db)).toEqual([{ id: 'tryer', label: 'First visit' }, { id: 'regular', label: 'Regular' }]);
  });

  it('refuses an empty ladder, a blank label and a label used twice, keeping the saved one', async () => {
    await expect(saveLadder(db, [])).rejects.toMatchObject({ code: 'validation' });
    const blank = await rejectionOf(saveLadder(db, [{ id: 'a', label: ' ' }]));
    expect(blank.issues).toEqual([{ field: '0.label', message: 'Give the stage a name' }]);
    const twice = await rejectionOf(saveLadder(db, [{ id: 'a', label: 'Fan' }, { id: 'b', label: 'fan' }]));
    expect(twice.issues.map((i) => i.field)).toEqual(['1.label']);
    expect(await readLadder(db)).toEqual(DEFAULT_LADDER);
  });
});

describe('recently opened patrons', () => {
  it('keeps the 12 most recent, newest first, each once', async () => {
    for (let i = 1; i <= 14; i++) await markPatronOpened(db, `p${i}`);
    await markPatronOpened(db, 'p5');
    const recent = await readRecentPatronIds(db);
    expect(recent).toHaveLength(12);
    expect(recent).toEqual(['p5', 'p14', 'p13', 'p12', 'p11', 'p10', 'p9', 'p8', 'p7', 'p6', 'p4', 'p3']);
  });
});
