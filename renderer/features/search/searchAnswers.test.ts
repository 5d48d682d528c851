import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskServices } from '../../app/deskContext';
import { PatronSearchMirror } from '../../db/patronSearchMirror';
import type { SearchHit } from '../../db/searchHit';
import { arrangePatron, deskServices } from '../../test/renderDesk';
import { SearchAnswers } from './searchAnswers';

let services: DeskServices;
let answers: SearchAnswers;
const names = (hits: SearchHit[] | undefined) => hits?.map((h) => h.name);

beforeEach(async () => {
  services = await deskServices();
  for (const [firstName, lastName] of [['José', 'Núñez'], ['Ada', 'Lovelace']]) await arrangePatron(services, { firstName: firstName!, lastName: lastName! });
  answers = new SearchAnswers(services.db);
});
afterEach(() => answers.dispose());

describe('SearchAnswers', () => {
  it('keeps an answer under its search plan, so accents and case share it', async () => {
    expect(answers.peek('jose')).toBeUndefined();
    expect(names(await answers.search('jose'))).toEqual(['José Núñez']);
    expect(names(answers.peek('JOSÉ'))).toEqual(['José Núñez']);
  });

  it('forgets every answer and tells listeners when a patron changes, so a renamed patron is never shown under the old name', async () => {
    let heard = 0;
    answers.onChange(() => (heard += 1));
    await answers.search('ada');
    const ada = (await services.db.patrons.toArray()).find((p) => p.firstName === 'Ada')!;
    await services.db.patrons.put({ ...ada, firstName: 'Augusta' });
    expect(answers.peek('ada')).toBeUndefined();
    expect(heard).toBeGreaterThan(0);
  });

  it('answers from the in-memory index without I/O once it is loaded, and from IndexedDB while a change is applied', async () => {
    const mirror = new PatronSearchMirror(services.db);
    const withIndex = new SearchAnswers(services.db, 20, mirror);
    try {
      expect(withIndex.peek('nunez')).toBeUndefined();
      mirror.start();
      await mirror.whenFresh();
      expect(names(withIndex.peek('nunez'))).toEqual(['José Núñez']);
      await arrangePatron(services, { firstName: 'Ana', lastName: 'Nuñez' });
      expect(withIndex.peek('nunez'), 'stale until the new patron is in the index').toBeUndefined();
      expect(names(await withIndex.search('nunez'))?.sort()).toEqual(['Ana Nuñez', 'José Núñez']);
      await mirror.whenFresh();
      expect(names(withIndex.peek('nun'))?.sort()).toEqual(['Ana Nuñez', 'José Núñez']);
    } finally {
      withIndex.dispose();
      mirror.dispose();
    }
  });
});
