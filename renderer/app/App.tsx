import { useEffect, useState } from 'react';
import { WhoIsAtDesk } from '../features/staff/WhoIsAtDesk';
import { ensureDesk } from '../db/deskMeta';
import { DeskProvider, useDesk, useDeskState, type DeskServices } from './deskContext';
import { Shell } from './Shell';

/** Loads the desk identity once, then asks who is at the desk, then shows the diary. */
function DeskGate() {
  const { db, store } = useDesk();
  const desk = useDeskState((s) => s.desk);
  const staff = useDeskState((s) => s.staff);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    ensureDesk(db).then((d) => store.getState().setDesk(d), (err: unknown) => setError(String(err)));
  }, [db, store]);

  if (error) return <p role="alert">This desk's database could not be opened: {error}</p>;
  if (!desk) return <p role="status">Opening the diary…</p>;
  if (!staff) return <WhoIsAtDesk />;
  return <Shell />;
}

export function App({ services }: { services: DeskServices }) {
  return (
    <DeskProvider services={services}>
      <DeskGate />
    </DeskProvider>
  );
}
