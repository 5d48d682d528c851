import { useEffect, useState } from 'react';
import { useDeskState } from '../../app/deskContext';
import { serverApi } from '../account/serverApi';
import { useServerOptions } from '../account/useServerApi';
import { logServerApi, type LogServerApi } from './logServerApi';

/** The log endpoints of this desk's server, once the session token is read; null without an account. */
export function useLogApi(): LogServerApi | null {
  const options = useServerOptions();
  const loggedIn = useDeskState((s) => s.account !== null);
  const [api, setApi] = useState<LogServerApi | null>(null);
  useEffect(() => {
    let current = true;
    if (!loggedIn) {
      setApi(null);
      return;
    }
    options().then((o) => current && setApi(logServerApi(o)), () => current && setApi(null));
    return () => {
      current = false;
    };
  }, [options, loggedIn]);
  return api;
}

/** The branches this staff member can see (names for filters and exports), from the server. */
export function useMyBranches(api: LogServerApi | null): Array<{ id: string; name: string }> {
  const options = useServerOptions();
  const [branches, setBranches] = useState<Array<{ id: string; name: string }>>([]);
  useEffect(() => {
    if (!api) return;
    let current = true;
    options()
      .then((o) => serverApi(o).me())
      .then((me) => current && setBranches(me.branches))
      // Without names the filter offers no branch box and exports show branch ids: still usable.
      .catch((err: unknown) => console.warn('branches could not be loaded', err));
    return () => {
      current = false;
    };
  }, [api, options]);
  return branches;
}
