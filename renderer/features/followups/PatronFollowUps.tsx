import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Patron } from '@shared/domain/patron';
import { useDesk } from '../../app/deskContext';
import { followUpsOfPatron } from '../../db/followUpsRepo';
import { FollowUpForm } from './FollowUpForm';
import { FollowUpSummary } from './FollowUpSummary';

/**
 * The patron's open follow-ups (what is still to do) and the button for a new one. What
 * happened to each, closed ones included, is in the timeline beside the notes.
 */
export function PatronFollowUps({ patron }: { patron: Patron }) {
  const { db, now } = useDesk();
  const items = useLiveQuery(() => followUpsOfPatron(db, patron.id), [db, patron.id]) ?? [];
  const [adding, setAdding] = useState(false);
  const open = items.filter((i) => i.state.status === 'open');
  return (
    <section className="panel" aria-labelledby="follow-ups-title">
      <h2 id="follow-ups-title">Follow-ups</h2>
      {!adding && <button type="button" onClick={() => setAdding(true)}>New follow-up</button>}
      {adding && <FollowUpForm patron={patron} onDone={() => setAdding(false)} />}
      {open.length === 0 ? (
        <p className="muted">Nothing open.</p>
      ) : (
        <ul className="follow-ups" aria-label="Open follow-ups">
          {open.map((item) => (
            <li key={item.followUp.id}>
              <FollowUpSummary item={item} patron={undefined} now={now()} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
