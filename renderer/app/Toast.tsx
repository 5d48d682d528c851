import { useEffect } from 'react';
import { useDesk, useDeskState } from './deskContext';

const TOAST_MS = 10_000;

/** The one toast: confirmations and the Undo after a delete. */
export function ToastRegion() {
  const { store } = useDesk();
  const toast = useDeskState((s) => s.toast);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => store.getState().dismissToast(toast.id), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast, store]);

  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast && (
        <div className="toast">
          <span>{toast.message}</span>
          {toast.action && (
            <button type="button" onClick={() => { toast.action?.run(); store.getState().dismissToast(toast.id); }}>
              {toast.action.label}
            </button>
          )}
          <button type="button" aria-label="Dismiss message" onClick={() => store.getState().dismissToast(toast.id)}>×</button>
        </div>
      )}
    </div>
  );
}
