import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Patron } from '@shared/domain/patron';
import { searchPatrons } from '../../db/patronSearch';
import { arrangePatron, deskServices } from '../../test/renderDesk';
import type { DeskServices } from '../../app/deskContext';
import { SearchAhead } from './searchAhead';

let services: DeskServices;
let ahead: SearchAhead;
const names = (ps: Patron[] | undefined) => ps?.map((p) => `${p.firstName} ${p.lastName}`);

beforeEach(async () => {
  services = await deskServices();
  for (const [firstName, lastName] of [['Joan', 'Smith'], ['John', 'Smythe'], ['José', 'Núñez'], ['Jo', 'Spencer'], ['Bea', 'Jones'], ['Ada', 'Lovelace']]) {
    await arrangePatron(services, { firstName: firstName!, lastName: lastName! });
  }
  ahead = new SearchAhead(services.db);
});
afterEach(() => ahead.dispose());

describe('SearchAhead', () => {
  it('reads ahead the answer for every letter that can follow, the same as a search would give', async () => {
    await ahead.lookAheadFrom('jo');
    for (const next of ['joa', 'joh', 'jon', 'jos']) {
      expect(names(ahead.peek(next))).toEqual(names(await searchPatrons(services.db, next)));
    }
    // Accents and case fold to the same answer.
    expect(names(ahead.peek('JOS'))).toEqual(['José Núñez']);
    // Nothing in the index continues "jo" with "x", so nothing was read for it.
    expect(ahead.peek('jox')).toBeUndefined();
  });

  it('forgets every answer when a patron changes, so a renamed patron is never shown under the old name', async () => {
    await ahead.search('ada');
    expect(names(ahead.peek('ada'))).toEqual(['Ada Lovelace']);
    const ada = (await services.db.patrons.toArray()).find((p) => p.firstName === 'Ada')!;
    await services.db.patrons.put({ ...ada, firstName: 'Augusta' });
    expect(ahead.peek('ada')).toBeUndefined();
  });

  it('does not read ahead from several words or a trailing space', async () => {
    await ahead.lookAheadFrom('jo s');
    await ahead.lookAheadFrom('jo ');
    expect(ahead.peek('jo sm')).toBeUndefined();
    expect(ahead.peek('jo a')).toBeUndefined();
  });
});
