import { create, type StateCreator } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { DeskIdentity } from '../db/deskMeta';

/**
 * UI and session state only. Data (patrons, notes…) lives in Dexie and is read with
 * useLiveQuery; nothing here is a copy of it.
 */
export interface SessionSlice {
  /** Who is at the desk; stamped on every change. Null until someone says. */
  staff: string | null;
  desk: DeskIdentity | null;
  setStaff: (name: string | null) => void;
  setDesk: (desk: DeskIdentity) => void;
}

export interface Toast {
  id: number;
  message: string;
  action?: { label: string; run: () => void };
}

export interface ToastSlice {
  toast: Toast | null;
  showToast: (message: string, action?: Toast['action']) => void;
  dismissToast: (id: number) => void;
}

export type DeskState = SessionSlice & ToastSlice;

const createSessionSlice: StateCreator<DeskState, [], [], SessionSlice> = (set) => ({
  staff: null,
  desk: null,
  setStaff: (staff) => set({ staff }),
  setDesk: (desk) => set({ desk }),
});

let nextToastId = 1;
const createToastSlice: StateCreator<DeskState, [], [], ToastSlice> = (set) => ({
  toast: null,
  showToast: (message, action) => set({ toast: { id: nextToastId++, message, ...(action ? { action } : {}) } }),
  dismissToast: (id) => set((s) => (s.toast?.id === id ? { toast: null } : s)),
});

/** Creates a store; the app makes one, tests make their own. Only `staff` survives a reload. */
export function createDeskStore(storageKey = 'desk-diary.session') {
  return create<DeskState>()(
    persist((...a) => ({ ...createSessionSlice(...a), ...createToastSlice(...a) }), {
      name: storageKey,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ staff: s.staff }),
    }),
  );
}

export type DeskStore = ReturnType<typeof createDeskStore>;
