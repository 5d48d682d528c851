import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { displayName } from '@shared/domain/patron';
import { useDesk } from '../../app/deskContext';
import { hrefOf } from '../../app/routes';
import { formatWhen } from '../../app/ui/format';
import { discardRejected, resendRejected } from '../../sync/rejectedChanges';
import type { RejectedRow } from '../../sync/syncTables';

const WHAT: Record<string, string> = {
  patron: "A patron's details",
  note: 'A note',
  request: 'A request',
  followUp: 'A follow-up',
  followUpEvent: 'A follow-up step',
};

/** What a refused change was, in words. */
function whatOf(row: RejectedRow): string {
  if (row.mutation.kind === 'erase') return 'Erasing the patron';
  return WHAT[row.mutation.entity] ?? 'A change';
}

/**
 * Changes the server refused, each with its reason: staff either discard it (the desk goes
 * back to the server's version) or fix what the reason says and send it again.
 */
export function RefusedChangesPage() {
  const { db } = useDesk();
  const rows = useLiveQuery(() => db.syncRejected.orderBy('mutationId').toArray(), [db]);
  const patrons = useLiveQuery(async () => {
    const ids = [...new Set((rows ?? []).map((r) => r.patronId))];
    const found = await db.patrons.bulkGet(ids);
    return new Map(found.flatMap((p) => (p ? [[p.id, displayName(p)] as const] : [])));
  }, [db, rows]);
  const [error, setError] = useState<string | null>(null);

  async function act(run: () => Promise<void>) {
    setError(null);
    try {
      await run();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  if (!rows) return <p role="status">Loading…</p>;
  return (
    <section aria-labelledby="refused-title">
      <h1 id="refused-title">Changes the server refused</h1>
      {error && <p role="alert">{error}</p>}
      {rows.length === 0 ? (
        <p>Nothing refused: every change was accepted.</p>
      ) : (
        <ul className="refused-list" aria-label="Refused changes">
          {rows.map((row) => {
            const patron = patrons?.get(row.patronId);
            const what = whatOf(row);
            return (
              <li key={row.mutationId} aria-label={`${what}${patron ? ` about ${patron}` : ''}`}>
                <p>
                  <strong>{what}</strong>
                  {patron ? <> about <a href={hrefOf({ name: 'patron', id: row.patronId })}>{patron}</a></> : ' about a patron no longer on this desk'}
                  {' · '}refused {formatWhen(row.at)}
                </p>
                <p>Reason: {row.reason}</p>
                {row.issues && row.issues.length > 0 && (
                  <ul aria-label="What to fix">
                    {row.issues.map((i) => <li key={i.path}>{i.path}: {i.message}</li>)}
                  </ul>
                )}
                <div className="actions">
                  <button type="button" onClick={() => void act(() => discardRejected(db, row.mutationId))}>Discard</button>
                  <button type="button" onClick={() => void act(() => resendRejected(db, row.mutationId))}>Send again</button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
