import type { EntityName } from '@shared/sync/entities';
import type { ClockMap, FieldMap } from '@shared/sync/fields';

/** A record as the server keeps it: its current fields with their clocks (never a history). */
export interface StoredRecord {
  entity: EntityName;
  id: string;
  branchId: string;
  /** The patron it belongs to (a patron's own id for a patron); erasure removes by it. */
  patronId: string;
  fields: FieldMap;
  clocks: ClockMap;
  /** An erased patron: only this id tombstone is left. */
  erased: boolean;
}

/** Who is pushing: the staff member's role and the branches they may change. */
export interface StaffScope {
  staffId: string;
  role: 'desk' | 'manager' | 'admin';
  branchIds: readonly string[];
}

export function canReachBranch(scope: StaffScope, branchId: string): boolean {
  return scope.role === 'admin' || scope.branchIds.includes(branchId);
}
