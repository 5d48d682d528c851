import { liveQuery } from 'dexie';
import { useEffect } from 'react';
import { useDesk, useDeskState } from '../../app/deskContext';
import { httpTransport } from '../../sync/httpTransport';
import { startLiveStream } from '../../sync/liveStream';
import { SyncEngine } from '../../sync/syncEngine';
import { readSessionToken } from '../account/sessionToken';

/**
 * Runs the sync engine while a staff member is logged in: after local writes (the outbox
 * grows), on a live poke, when the network returns, on focus and on wake; the engine adds
 * its own minute poll and backoff. Stops on logout. Its status goes to the store.
 */
export function useSync(): void {
  const { db, host, store, now, fetch: fetchImpl } = useDesk();
  const account = useDeskState((s) => s.account);
  const serverUrl = useDeskState((s) => s.serverUrl);
  const deskId = useDeskState((s) => s.desk?.id);

  useEffect(() => {
    if (!account || serverUrl === null || !deskId) return;
    let token: string | undefined;
    let stopped = false;
    let stopStream: (() => void) | undefined;
    const connection = { baseUrl: serverUrl, deskId, token: () => token, now, ...(fetchImpl ? { fetch: fetchImpl } : {}) };
    const engine = new SyncEngine({ db, transport: httpTransport(connection), now, onStatus: (s) => store.getState().setSync(s) });

    let lastCount = Number.POSITIVE_INFINITY;
    const outbox = liveQuery(() => db.outbox.count()).subscribe((count) => {
      if (count > lastCount) engine.trigger();
      lastCount = count;
    });
    const soon = () => engine.trigger(0);
    const onVisible = () => {
      if (document.visibilityState === 'visible') soon();
    };
    window.addEventListener('online', soon);
    window.addEventListener('focus', soon);
    document.addEventListener('visibilitychange', onVisible);

    void readSessionToken(host).then((t) => {
      if (stopped) return;
      token = t;
      engine.start();
      stopStream = startLiveStream({ ...connection, onPoke: soon });
    });
    store.getState().setSyncNow(() => void engine.syncNow());

    return () => {
      stopped = true;
      engine.stop();
      stopStream?.();
      outbox.unsubscribe();
      window.removeEventListener('online', soon);
      window.removeEventListener('focus', soon);
      document.removeEventListener('visibilitychange', onVisible);
      store.getState().setSyncNow(null);
      store.getState().setSync(null);
    };
  }, [account, serverUrl, deskId, db, host, store, now, fetchImpl]);
}
