import { useCallback } from 'react';
import { useDesk, useDeskState } from '../../app/deskContext';
import { serverApi, type ServerApi } from './serverApi';

/** The key under which the session token is kept in DeskHost secret storage. */
export const SESSION_TOKEN_KEY = 'session-token';

/** Builds the server API for this desk's server, with the stored session token (if any). */
export function useServerApi(): (baseUrl?: string) => Promise<ServerApi> {
  const { host, fetch: fetchImpl } = useDesk();
  const serverUrl = useDeskState((s) => s.serverUrl);
  return useCallback(
    async (baseUrl?: string) => {
      const token = await host.getSecret(SESSION_TOKEN_KEY);
      return serverApi({ baseUrl: baseUrl ?? serverUrl ?? '', token, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
    },
    [host, fetchImpl, serverUrl],
  );
}
