import { z } from 'zod';

/** What the audit log records. Never a password or a token: it says *that* something changed. */
export const AUDIT_ACTIONS = [
  'login',
  'login-failed',
  'logout',
  'staff-created',
  'staff-updated',
  'branch-created',
  'branch-updated',
  /** A managers' log export (GET /api/log/export.csv): filter, time zone, rows, completed or aborted. */
  'log-exported',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One audit-log entry as admins see it (GET /api/audit). Details never hold passwords or tokens. */
export interface AuditEntryView {
  id: string;
  at: number;
  staffId: string | null;
  /** The staff member's display name, when the entry has one. */
  staffName: string | null;
  action: string;
  detail: Record<string, unknown>;
}

export const AUDIT_PAGE_MAX = 1000;

/** GET /api/audit: newest first, optionally one kind of action, at most `limit` entries. */
export const AuditQuerySchema = z.strictObject({
  action: z.enum(AUDIT_ACTIONS, { error: `Use one of ${AUDIT_ACTIONS.join(', ')}` }).optional(),
  limit: z.coerce.number({ error: 'Use a whole number' }).int('Use a whole number').min(1, 'At least 1').max(AUDIT_PAGE_MAX, `At most ${AUDIT_PAGE_MAX}`).default(100),
});
export type AuditQuery = z.output<typeof AuditQuerySchema>;
