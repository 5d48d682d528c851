import { newId } from './ids';

/** This installation. The branch is a single local one until staff log in to a server. */
export interface DeskIdentity {
  id: string;
  name: string;
  branchId: string;
}

export const LOCAL_BRANCH_ID = 'local';

/** A new desk: a fresh id (UUIDv7, also the tie-breaker of this desk's sync clock). */
export function newDeskIdentity(): DeskIdentity {
  return { id: newId(), name: 'Desk', branchId: LOCAL_BRANCH_ID };
}
