import { useCallback, useState } from 'react';
import type { FollowUpEventBodyInput } from '@shared/followups/followUpEvents';
import { useDesk, useWriteContext } from '../../app/deskContext';
import { recordFollowUpEvent } from '../../db/followUpsRepo';

/** Records one event on a follow-up; the error (if any) is kept for the caller to show. */
export function useFollowUpAction(followUpId: string) {
  const { db, store } = useDesk();
  const ctx = useWriteContext();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = useCallback(
    async (body: FollowUpEventBodyInput, confirmation?: string): Promise<boolean> => {
      setBusy(true);
      try {
        await recordFollowUpEvent(db, ctx, followUpId, body);
        setError(null);
        if (confirmation) store.getState().showToast(confirmation);
        return true;
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [db, ctx, followUpId, store],
  );
  return { act, error, busy };
}
