import { formatDistance } from 'date-fns';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useDesk, useDeskState } from '../../app/deskContext';
import { hrefOf } from '../../app/routes';
import { useLogOut } from '../account/useLogOut';
import { pendingChanges } from '../../sync/outboxRows';
import { syncProblemText } from './syncProblemText';

function useBrowserOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/** Re-renders every half minute so "Last synced 2 minutes ago" stays true. */
function useTick(ms = 30_000): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setTick((t) => t + 1), ms);
    return () => clearInterval(id);
  }, [ms]);
}

/**
 * The header's sync status: online or offline, changes waiting, when the desk last synced,
 * a problem in words (with what to do), refused changes and "Sync now". Local mode says the
 * desk shares nothing.
 */
export function SyncStatusBar() {
  const { db, now } = useDesk();
  const account = useDeskState((s) => s.account);
  const sync = useDeskState((s) => s.sync);
  const tokenNotStored = useDeskState((s) => s.tokenNotStored);
  const syncNow = useDeskState((s) => s.syncNow);
  const pending = useLiveQuery(() => pendingChanges(db), [db]) ?? 0;
  const rejected = useLiveQuery(() => db.syncRejected.count(), [db]) ?? 0;
  const browserOnline = useBrowserOnline();
  const logOut = useLogOut();
  useTick();

  if (!account) {
    return (
      <section className="sync-status" aria-label="Sync">
        <p role="status">This desk only: nothing is shared</p>
      </section>
    );
  }

  const offline = !browserOnline || sync?.connection === 'offline';
  const connection = offline ? 'Offline' : sync?.connection === 'online' ? 'Online' : 'Connecting…';
  const waiting = pending === 0 ? 'All changes sent' : `${pending} change${pending === 1 ? '' : 's'} waiting`;
  const last = sync?.lastSyncedAt === undefined ? 'Not synced yet' : `Last synced ${formatDistance(sync.lastSyncedAt, now(), { addSuffix: true })}`;
  const problem = sync?.problem;
  const first = sync?.firstSync;

  return (
    <section className="sync-status" aria-label="Sync">
      <p role="status">
        {[connection, waiting, sync?.syncing ? 'Syncing…' : last].join(' · ')}
      </p>
      {first && (
        <div className="sync-first">
          <span id="first-sync-label">Fetching the branch's diary</span>
          <div
            role="progressbar"
            aria-labelledby="first-sync-label"
            aria-valuemin={0}
            aria-valuenow={first.done}
            {...(first.total === undefined ? {} : { 'aria-valuemax': first.total })}
          >
            {first.total === undefined ? `${first.done} records` : `${first.done} of ${first.total} records`}
          </div>
        </div>
      )}
      {problem && (
        <p className="sync-problem" role="alert">
          {syncProblemText(problem)}
          {problem.code === 'signed-out' && (
            <button type="button" onClick={() => void logOut()}>Log in again</button>
          )}
        </p>
      )}
      {tokenNotStored !== null && (
        <p className="sync-problem" role="note">
          Your login is kept only until Desk Diary closes: this computer could not store it securely ({tokenNotStored}). You will be asked for your password when the app next starts; nothing on the desk is lost.
        </p>
      )}
      {rejected > 0 && (
        <a href={hrefOf({ name: 'refused' })}>{rejected} change{rejected === 1 ? '' : 's'} refused by the server: review</a>
      )}
      <button type="button" onClick={() => syncNow?.()} disabled={!syncNow || sync?.syncing === true}>Sync now</button>
    </section>
  );
}
