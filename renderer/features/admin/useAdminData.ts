import { useCallback, useEffect, useState } from 'react';
import type { Branch } from '@shared/api/branches';
import type { StaffMember } from '@shared/api/staff';
import { ServerApiError, type ServerApi } from '../account/serverApi';
import { useServerApi } from '../account/useServerApi';

/** Staff and branches as the server has them, reloaded after each change an admin makes. */
export function useAdminData() {
  const apiFor = useServerApi();
  const [staff, setStaff] = useState<StaffMember[] | null>(null);
  const [branches, setBranches] = useState<Branch[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const api = await apiFor();
      const [s, b] = await Promise.all([api.listStaff(), api.listBranches()]);
      setStaff(s.staff);
      setBranches(b.branches);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }, [apiFor]);

  useEffect(() => {
    void reload();
  }, [reload]);

  /** Runs a change against the server, then reloads; throws the server's refusal for the form to show. */
  const change = useCallback(
    async (run: (api: ServerApi) => Promise<unknown>) => {
      await run(await apiFor());
      await reload();
    },
    [apiFor, reload],
  );

  return { staff, branches, error, change };
}

/** A server refusal as per-field messages (by body path) and a form-level message. */
export function refusalOf(err: unknown): { fields: Record<string, string>; message: string } {
  if (err instanceof ServerApiError) {
    const fields: Record<string, string> = {};
    for (const f of err.fields) fields[f.path.split('.')[0]!] ??= f.message;
    return { fields, message: err.message };
  }
  return { fields: {}, message: err instanceof Error ? err.message : String(err) };
}
