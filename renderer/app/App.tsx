import { useEffect, useState } from 'react';
import { LoginScreen } from '../features/account/LoginScreen';
import { WhoIsAtDesk } from '../features/staff/WhoIsAtDesk';
import { ensureDesk, readServerUrl } from '../db/deskMeta';
import { DeskProvider, useDesk, useDeskState, type DeskServices } from './deskContext';
import { Shell } from './Shell';

/**
 * Loads the desk identity and where its server is, then asks who is at the desk (log in, or
 * a name in local mode), then shows the diary.
 */
function DeskGate() {
  const { db, host, store } = useDesk();
  const desk = useDeskState((s) => s.desk);
  const staff = useDeskState((s) => s.staff);
  const account = useDeskState((s) => s.account);
  const localMode = useDeskState((s) => s.localMode);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    async function open() {
      const d = await ensureDesk(db);
      // The browser build is served by the sync server itself; Electron is told where it is.
      const configurable = (await host.appInfo()).host === 'electron';
      store.getState().setServer(configurable ? ((await readServerUrl(db)) ?? null) : '', configurable);
      store.getState().setDesk(d);
    }
    open().catch((err: unknown) => setError(String(err)));
  }, [db, host, store]);

  if (error) return <p role="alert">This desk's database could not be opened: {error}</p>;
  if (!desk) return <p role="status">Opening the diary…</p>;
  if (account || staff) return <Shell />;
  if (localMode) return <WhoIsAtDesk />;
  return <LoginScreen />;
}

export function App({ services }: { services: DeskServices }) {
  return (
    <DeskProvider services={services}>
      <DeskGate />
    </DeskProvider>
  );
}
