import { useLiveQuery } from 'dexie-react-hooks';
import { endOfDay } from 'date-fns';
import { useState } from 'react';
import type { Patron } from '@shared/domain/patron';
import { useDesk, useDeskState } from '../../app/deskContext';
import { hrefOf } from '../../app/routes';
import { openFollowUpsDueBy, type FollowUpWithState } from '../../db/followUpsRepo';
import { FollowUpSummary } from '../followups/FollowUpSummary';
import { NewFollowUpFromCentre } from './NewFollowUpFromCentre';
import { QuickActions } from './QuickActions';

type Scope = 'mine' | 'queue' | 'everyone';
const UPCOMING_DAYS = 14;

function inScope(item: FollowUpWithState, scope: Scope, me: string | null): boolean {
  const a = item.state.assignee;
  if (scope === 'everyone') return true;
  if (scope === 'queue') return a.kind === 'queue';
  return a.kind === 'staff' && a.name === me;
}

/** Overdue, due today and upcoming follow-ups; mine, the desk queue's, or everyone's. */
export function ReminderCentre() {
  const { db, now } = useDesk();
  const me = useDeskState((s) => s.staff);
  const [scope, setScope] = useState<Scope>('everyone');
  const at = now();
  const data = useLiveQuery(async () => {
    const items = await openFollowUpsDueBy(db, at + UPCOMING_DAYS * 86_400_000);
    const patrons = await db.patrons.bulkGet(items.map((i) => i.followUp.patronId));
    return items.map((item, i) => ({ item, patron: patrons[i] }));
  }, [db, at - (at % 60_000)]);
  const rows = (data ?? []).filter((r) => inScope(r.item, scope, me));
  const todayEnd = endOfDay(at).getTime();
  const sections: { title: string; rows: typeof rows }[] = [
    { title: 'Overdue', rows: rows.filter((r) => r.item.state.dueAt < at) },
    { title: 'Due today', rows: rows.filter((r) => r.item.state.dueAt >= at && r.item.state.dueAt <= todayEnd) },
    { title: 'Upcoming', rows: rows.filter((r) => r.item.state.dueAt > todayEnd) },
  ];
  return (
    <section className="page" aria-labelledby="reminders-title">
      <h1 id="reminders-title">Reminder centre</h1>
      <div role="radiogroup" aria-label="Whose follow-ups" className="row">
        {(['mine', 'queue', 'everyone'] as const).map((s) => (
          <label key={s}>
            <input type="radio" name="scope" checked={scope === s} onChange={() => setScope(s)} />
            {s === 'mine' ? 'Mine' : s === 'queue' ? 'Desk queue' : "Everyone's"}
          </label>
        ))}
      </div>
      <p className="row">
        <a className="button" href={hrefOf({ name: 'arrivals' })}>It has arrived…</a>
        <a className="button" href={hrefOf({ name: 'we-miss-you' })}>We miss you…</a>
      </p>
      <NewFollowUpFromCentre />
      {sections.map((section) => (
        <section key={section.title} aria-label={section.title} className="panel">
          <h2>{section.title} ({section.rows.length})</h2>
          {section.rows.length === 0 ? <p className="muted">Nothing here.</p> : (
            <ul className="follow-ups">
              {section.rows.map(({ item, patron }) => <ReminderRow key={item.followUp.id} item={item} patron={patron} now={at} />)}
            </ul>
          )}
        </section>
      ))}
    </section>
  );
}

function ReminderRow({ item, patron, now }: { item: FollowUpWithState; patron: Patron | undefined; now: number }) {
  return (
    <li>
      <FollowUpSummary item={item} patron={patron} now={now} />
      <QuickActions followUpId={item.followUp.id} label={item.followUp.reason} />
    </li>
  );
}
