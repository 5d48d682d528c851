import { v7 as uuidv7 } from 'uuid';
import type { AuditAction } from '@shared/api/audit';
import type { Queryable } from '../db/database';

export type { AuditAction } from '@shared/api/audit';

export interface AuditEntry {
  /** Who did it; null for the command line and for failed logins of unknown users. */
  staffId: string | null;
  action: AuditAction;
  detail: Record<string, unknown>;
}

/** Appends to the audit log; call it with the transaction that makes the change, so both or neither are kept. */
export async function recordAudit(q: Queryable, entry: AuditEntry): Promise<void> {
  await q.query('INSERT INTO audit_log (id, staff_id, action, detail) VALUES ($1, $2, $3, $4)', [
    uuidv7(),
    entry.staffId,
    entry.action,
    JSON.stringify(entry.detail),
  ]);
}
