import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Patron } from '@shared/domain/patron';
import type { DeskServices } from '../../app/deskContext';
import { arrangePatron, deskServices } from '../../test/renderDesk';
import { SearchAnswers } from './searchAnswers';

let services: DeskServices;
let answers: SearchAnswers;
const names = (ps: Patron[] | undefined) => ps?.map((p) => `${p.firstName} ${p.lastName}`);

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
});
