import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { DeskHost } from '@shared/host/deskHost';
import type { DeskDb } from '../db/deskDb';
import type { WriteContext } from '../db/writeContext';
import type { DeskState, DeskStore } from './store';

/** What every feature needs: the local database, the host bridge and the UI store. */
export interface DeskServices {
  db: DeskDb;
  host: DeskHost;
  store: DeskStore;
  now: () => number;
  /** How to reach the sync server (tests pass a fake); the platform's fetch when absent. */
  fetch?: typeof fetch;
}

const DeskContext = createContext<DeskServices | null>(null);

export function DeskProvider({ services, children }: { services: DeskServices; children: ReactNode }) {
  return <DeskContext.Provider value={services}>{children}</DeskContext.Provider>;
}

export function useDesk(): DeskServices {
  const services = useContext(DeskContext);
  if (!services) throw new Error('useDesk must be used inside <DeskProvider>');
  return services;
}

/** Single-value selector on the UI store (one subscription per value, no needless re-renders). */
export function useDeskState<T>(selector: (s: DeskState) => T): T {
  return useStore(useDesk().store, selector);
}

/** The stamp source for writes: who is at the desk, which desk, which branch. */
export function useWriteContext(): WriteContext {
  const { now } = useDesk();
  const staff = useDeskState((s) => s.staff);
  const desk = useDeskState((s) => s.desk);
  return useMemo(
    () => ({
      staff: staff ?? 'Unknown',
      deskId: desk?.id ?? 'unknown-desk',
      deskName: desk?.name ?? 'Desk',
      branchId: desk?.branchId ?? 'local',
      now,
    }),
    [staff, desk, now],
  );
}
