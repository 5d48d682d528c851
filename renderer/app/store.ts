import { create, type StateCreator } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { DeskIdentity } from '../db/deskMeta';
import type { RaisedReminder } from '../features/reminders/dueReminders';

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

/** Follow-ups popped up right now (the in-app reminder toasts mirror the OS notifications). */
export interface ReminderSlice {
  raised: RaisedReminder[];
  setRaised: (raised: RaisedReminder[]) => void;
}

export type DeskState = SessionSlice & ToastSlice & ReminderSlice;

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

const createReminderSlice: StateCreator<DeskState, [], [], ReminderSlice> = (set) => ({
  raised: [],
  setRaised: (raised) => set({ raised }),
});

/** Creates a store; the app makes one, tests make their own. Only `staff` survives a reload. */
export function createDeskStore(storageKey = 'desk-diary.session') {
  return create<DeskState>()(
    persist((...a) => ({ ...createSessionSlice(...a), ...createToastSlice(...a), ...createReminderSlice(...a) }), {
      name: storageKey,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ staff: s.staff }),
    }),
  );
}

export type DeskStore = ReturnType<typeof createDeskStore>;
