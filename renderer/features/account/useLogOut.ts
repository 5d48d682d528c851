import { useCallback } from 'react';
import { useDesk } from '../../app/deskContext';
import { forgetSessionToken } from './sessionToken';
import { useServerApi } from './useServerApi';

/**
 * Logs the staff member out: the server ends the session (when it can be reached; an
 * unreachable server's session simply expires) and the desk forgets the token. The diary and
 * its unsent changes stay on the desk for whoever logs in next.
 */
export function useLogOut(): () => Promise<void> {
  const { host, store } = useDesk();
  const apiFor = useServerApi();
  return useCallback(async () => {
    const api = await apiFor();
    await api.logout().catch(() => undefined);
    await forgetSessionToken(host);
    store.getState().setAccount(null);
  }, [apiFor, host, store]);
}
