import { useDeskState } from '../../app/deskContext';
import { QuickActions } from './QuickActions';

/** The in-app side of a popup: every reminder due for this desk, with one-click actions. */
export function ReminderToasts() {
  const raised = useDeskState((s) => s.raised);
  if (raised.length === 0) return null;
  return (
    <aside className="reminder-toasts" aria-label="Due reminders">
      <ul>
        {raised.slice(0, 5).map((r) => (
          <li key={r.followUpId} className={`reminder-toast${r.overdue ? ' reminder-toast--overdue' : ''}`}>
            <p className="reminder-toast__title">{r.title}</p>
            <p className="reminder-toast__body">{r.body}</p>
            <QuickActions followUpId={r.followUpId} label={r.title} />
          </li>
        ))}
      </ul>
      {raised.length > 5 && <p>…and {raised.length - 5} more in the reminder centre.</p>}
    </aside>
  );
}
