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
