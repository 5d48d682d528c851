import type { Note } from '@shared/domain/note';
import { useDesk, useWriteContext } from '../../app/deskContext';
import { formatDay, formatStamp } from '../../app/ui/format';
import { acknowledgeAlert } from '../../db/notesRepo';

/** Active alerts, pinned above everything and announced when the patron opens. */
export function AlertBanner({ alerts }: { alerts: Note[] }) {
  const { db } = useDesk();
  const ctx = useWriteContext();
  if (alerts.length === 0) return null;
  return (
    <section className="alerts" aria-label="Alerts">
      {/* role=alert so a screen reader announces the alerts as the patron opens. */}
      <ul role="alert">
        {alerts.map((alert) => (
          <li key={alert.id} className="alert">
            <p className="alert__body">{alert.body}</p>
            <p className="meta">
              {formatStamp(alert.created)}
              {alert.expiresOn && ` · until ${formatDay(alert.expiresOn)}`}
            </p>
            <button type="button" onClick={() => void acknowledgeAlert(db, ctx, alert.id)} aria-label={`Acknowledge alert: ${alert.body.slice(0, 60)}`}>
              Acknowledge
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
