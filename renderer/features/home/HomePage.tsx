import { useLiveQuery } from 'dexie-react-hooks';
import { displayName } from '@shared/domain/patron';
import type { Patron } from '@shared/domain/patron';
import { useDesk } from '../../app/deskContext';
import { hrefOf } from '../../app/routes';
import { readRecentPatronIds } from '../../db/deskMeta';

/**
 * The start screen: the search box is in the header; here, who was opened recently at this
 * desk. (No patron count: counting 100k rows holds up the first search by ~300 ms; see bench/RESULTS.md.)
 */
export function HomePage() {
  const { db } = useDesk();
  const recent = useLiveQuery(async () => {
    const ids = await readRecentPatronIds(db);
    const rows = await db.patrons.bulkGet(ids);
    return rows.filter((p): p is Patron => p !== undefined);
  }, [db]);

  return (
    <section className="page" aria-labelledby="home-title">
      <h1 id="home-title">Desk Diary</h1>
      <p>Press <kbd>Ctrl</kbd>+<kbd>K</kbd> to find a patron by name, card, phone or email, or scan their card.</p>
      <p><a className="button primary" href={hrefOf({ name: 'new-patron' })}>New patron</a></p>
      {recent && recent.length > 0 && (
        <>
          <h2>Recently opened at this desk</h2>
          <ul aria-label="Recently opened patrons">
            {recent.map((p) => (
              <li key={p.id}><a href={hrefOf({ name: 'patron', id: p.id })}>{displayName(p)}</a>{p.cardNumber && ` · Card ${p.cardNumber}`}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
