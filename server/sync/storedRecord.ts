import type { PulledRecord } from '@shared/sync/protocol';

/**
 * A record as the server keeps it: its current fields with their clocks (never a history);
 * an erased patron is only its id tombstone. The same shape a desk pulls.
 */
export type StoredRecord = PulledRecord;

/** Who is pushing: the staff member's role and the branches they may change. */
export interface StaffScope {
  staffId: string;
  role: 'desk' | 'manager' | 'admin';
  branchIds: readonly string[];
}

export function canReachBranch(scope: StaffScope, branchId: string): boolean {
  return scope.role === 'admin' || scope.branchIds.includes(branchId);
}
