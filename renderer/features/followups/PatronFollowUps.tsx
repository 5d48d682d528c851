import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Patron } from '@shared/domain/patron';
import { useDesk } from '../../app/deskContext';
import { followUpsOfPatron } from '../../db/followUpsRepo';
import { FollowUpForm } from './FollowUpForm';
import { FollowUpLog } from './FollowUpLog';
import { FollowUpSummary } from './FollowUpSummary';

/** The patron's follow-ups beside their notes: open ones first, each with its outcomes. */
export function PatronFollowUps({ patron }: { patron: Patron }) {
  const { db, now } = useDesk();
  const items = useLiveQuery(() => followUpsOfPatron(db, patron.id), [db, patron.id]) ?? [];
  const [adding, setAdding] = useState(false);
  const open = items.filter((i) => i.state.status === 'open');
  const closed = items.filter((i) => i.state.status !== 'open');
  return (
    <section className="panel" aria-labelledby="follow-ups-title">
      <h2 id="follow-ups-title">Follow-ups</h2>
      {!adding && <button type="button" onClick={() => setAdding(true)}>New follow-up</button>}
      {adding && <FollowUpForm patron={patron} onDone={() => setAdding(false)} />}
      <ul className="follow-ups" aria-label="Follow-ups of this patron">
        {[...open, ...closed].map((item) => (
          <li key={item.followUp.id}>
            <FollowUpSummary item={item} patron={undefined} now={now()} />
            <details>
              <summary>Log ({item.events.length})</summary>
              <FollowUpLog events={item.events} />
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
