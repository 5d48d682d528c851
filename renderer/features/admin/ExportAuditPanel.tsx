import { useEffect, useState } from 'react';
import type { AuditEntryView } from '@shared/api/audit';
import { localDateTime } from '@shared/log/logCellText';
import { useLogApi } from '../log/useLogApi';

/** What an export's audit detail holds (server/log): the filter as sent, its time zone, the rows written. */
interface ExportDetail {
  filter?: Record<string, unknown>;
  timeZone?: string;
  rows?: number;
  completed?: boolean;
}

function describeFilter(filter: Record<string, unknown> | undefined): string {
  if (!filter || Object.keys(filter).length === 0) return 'Everything';
  return Object.entries(filter)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : typeof v === 'number' && (k === 'from' || k === 'to') ? new Date(v).toISOString().slice(0, 10) : String(v)}`)
    .join('; ');
}

/** Admins see every organisation-wide export of the log: who, when, which filter, how many rows. */
export function ExportAuditPanel() {
  const api = useLogApi();
  const [entries, setEntries] = useState<AuditEntryView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  useEffect(() => {
    if (!api) return;
    let current = true;
    api.audit('log-exported').then(
      (e) => current && setEntries(e),
      (err: unknown) => current && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      current = false;
    };
  }, [api]);

  return (
    <section className="panel" aria-labelledby="export-audit-title">
      <h2 id="export-audit-title">Log exports</h2>
      {error && <p role="alert">The export record could not be loaded: {error}</p>}
      {!error && !entries && <p role="status">Loading the export record…</p>}
      {entries && entries.length === 0 && <p className="muted">Nobody has exported the organisation's log yet.</p>}
      {entries && entries.length > 0 && (
        <table>
          <caption className="visually-hidden">Organisation-wide log exports, newest first</caption>
          <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Filter</th><th scope="col">Rows</th><th scope="col">Finished</th></tr></thead>
          <tbody>
            {entries.map((e) => {
              const d = e.detail as ExportDetail;
              return (
                <tr key={e.id}>
                  <td>{localDateTime(e.at, timeZone)}</td>
                  <td>{e.staffName ?? 'Unknown'}</td>
                  <td>{describeFilter(d.filter)}</td>
                  <td>{(d.rows ?? 0).toLocaleString()}</td>
                  <td>{d.completed === false ? 'Stopped early' : 'Yes'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
