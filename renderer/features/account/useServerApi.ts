import { useCallback } from 'react';
import { useDesk, useDeskState } from '../../app/deskContext';
import { serverApi, type ServerApi, type ServerApiOptions } from './serverApi';
import { readSessionToken } from './sessionToken';

/** How to reach this desk's server now: its address and the stored session token (if any). */
export function useServerOptions(): (baseUrl?: string) => Promise<ServerApiOptions> {
  const { host, fetch: fetchImpl } = useDesk();
  const serverUrl = useDeskState((s) => s.serverUrl);
  return useCallback(
    async (baseUrl?: string) => {
      const token = await readSessionToken(host);
      return { baseUrl: baseUrl ?? serverUrl ?? '', token, ...(fetchImpl ? { fetch: fetchImpl } : {}) };
    },
    [host, fetchImpl, serverUrl],
  );
}

/** Builds the server API for this desk's server, with the stored session token (if any). */
export function useServerApi(): (baseUrl?: string) => Promise<ServerApi> {
  const options = useServerOptions();
  return useCallback(async (baseUrl?: string) => serverApi(await options(baseUrl)), [options]);
}
