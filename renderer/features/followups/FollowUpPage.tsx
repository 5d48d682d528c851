import { useLiveQuery } from 'dexie-react-hooks';
import { useDesk } from '../../app/deskContext';
import { withStates } from '../../db/followUpsRepo';
import { FollowUpActions } from './FollowUpActions';
import { FollowUpLog } from './FollowUpLog';
import { FollowUpSummary } from './FollowUpSummary';

/** One follow-up: what it is, every action on it, and its log (where a notification click lands). */
export function FollowUpPage({ id }: { id: string }) {
  const { db, now } = useDesk();
  const data = useLiveQuery(async () => {
    const row = await db.followUps.get(id);
    if (!row) return undefined;
    const [item] = await withStates(db, [row]);
    return { item: item!, patron: await db.patrons.get(row.patronId) };
  }, [db, id], null);
  if (data === null) return <p role="status">Loading…</p>;
  if (data === undefined) return <p role="alert">This follow-up is not on this desk.</p>;
  return (
    <section className="page" aria-labelledby="follow-up-title">
      <h1 id="follow-up-title">Follow-up</h1>
      <FollowUpSummary item={data.item} patron={data.patron} now={now()} />
      <FollowUpActions item={data.item} />
      <h2>Log</h2>
      <FollowUpLog events={data.item.events} />
    </section>
  );
}
