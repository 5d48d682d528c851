import { describe, expect, it } from 'vitest';
import { searchPatrons } from '../../renderer/db/patronSearch';
import { DeskDb } from '../../renderer/db/deskDb';
import { makePatron } from '../generator/generate';
import { benchQueries } from './queries';
import { labelOf, SearchModel } from './searchModel';

/**
 * The type-ahead bench waits for the list its model predicts; if the model and the app
 * disagree, the bench times out instead of measuring. This holds them together: the real
 * searchPatrons over (fake) IndexedDB and the model, on the bench's own generated patrons
 * and queries, every prefix as typed.
 */
describe('the bench search model', () => {
  it('predicts exactly what searchPatrons returns, in order', async () => {
    const count = 3000;
    const patrons = Array.from({ length: count }, (_, i) => makePatron(i, count, 0));
    const db = new DeskDb(`search-model-${Date.now()}`);
    await db.patrons.bulkPut(patrons);
    const model = new SearchModel(patrons);
    const prefixes = new Set<string>(['jo sm', 'a b', 'm', 'ma mi', 'lib-0', 'smith 07', "o'b"]);
    for (const q of benchQueries(patrons, 60)) {
      const chars = [...q.text];
      for (let k = 1; k <= chars.length; k++) prefixes.add(chars.slice(0, k).join(''));
    }
    let compared = 0;
    for (const prefix of prefixes) {
      const app = (await searchPatrons(db, prefix)).map(labelOf);
      expect(model.search(prefix).patrons.map(labelOf), prefix).toEqual(app);
      compared++;
    }
    expect(compared).toBeGreaterThan(200);
    db.close();
  }, 60_000);
});
