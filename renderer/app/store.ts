import { create, type StateCreator } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { SessionStaff } from '@shared/api/auth';
import type { DeskIdentity } from '../db/deskMeta';
import type { SyncStatus } from '../sync/syncEngine';
import type { RaisedReminder } from '../features/reminders/dueReminders';

/**
 * UI and session state only. Data (patrons, notes…) lives in Dexie and is read with
 * useLiveQuery; nothing here is a copy of it.
 */
export interface SessionSlice {
  /** Who is at the desk; stamped on every change. Null until someone says. */
  staff: string | null;
  desk: DeskIdentity | null;
  /** The staff member logged in to the sync server; null in local mode or when nobody is. */
  account: SessionStaff | null;
  /** This desk chose "use without an account": the local name screen, nothing shared. */
  localMode: boolean;
  /** Why the session token is held in memory only (the host could not store it), or null. Never persisted. */
  tokenNotStored: string | null;
  /** Where the sync server is: "" = the page's own origin (browser build); null = none configured. */
  serverUrl: string | null;
  /** Electron: the server address is typed by staff; the browser build has its own origin. */
  serverConfigurable: boolean;
  setStaff: (name: string | null) => void;
  setDesk: (desk: DeskIdentity) => void;
  /** Logs a staff member in: they become the name stamped on every change. */
  setAccount: (account: SessionStaff | null) => void;
  setLocalMode: (localMode: boolean) => void;
  setTokenNotStored: (reason: string | null) => void;
  setServer: (serverUrl: string | null, configurable: boolean) => void;
}

/** What the sync engine last said, and how to ask it for a round now. */
export interface SyncSlice {
  sync: SyncStatus | null;
  syncNow: (() => void) | null;
  setSync: (sync: SyncStatus | null) => void;
  setSyncNow: (syncNow: (() => void) | null) => void;
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

export type DeskState = SessionSlice & ToastSlice & ReminderSlice & SyncSlice;

const createSessionSlice: StateCreator<DeskState, [], [], SessionSlice> = (set) => ({
  staff: null,
  desk: null,
  account: null,
  localMode: false,
  tokenNotStored: null,
  serverUrl: null,
  serverConfigurable: false,
  setStaff: (staff) => set({ staff }),
  setDesk: (desk) => set({ desk }),
  setAccount: (account) => set(account ? { account, staff: account.displayName } : { account, staff: null, tokenNotStored: null }),
  setLocalMode: (localMode) => set({ localMode }),
  setTokenNotStored: (tokenNotStored) => set({ tokenNotStored }),
  setServer: (serverUrl, serverConfigurable) => set({ serverUrl, serverConfigurable }),
});

const createSyncSlice: StateCreator<DeskState, [], [], SyncSlice> = (set) => ({
  sync: null,
  syncNow: null,
  setSync: (sync) => set({ sync }),
  setSyncNow: (syncNow) => set({ syncNow }),
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

/** Creates a store; the app makes one, tests make their own. Only who is at the desk survives a reload. */
export function createDeskStore(storageKey = 'desk-diary.session') {
  return create<DeskState>()(
    persist((...a) => ({ ...createSessionSlice(...a), ...createToastSlice(...a), ...createReminderSlice(...a), ...createSyncSlice(...a) }), {
      name: storageKey,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ staff: s.staff, account: s.account, localMode: s.localMode }),
    }),
  );
}

export type DeskStore = ReturnType<typeof createDeskStore>;
