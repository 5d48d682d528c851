import type { FastifyInstance } from 'fastify';
import { AuditQuerySchema, type AuditEntryView } from '@shared/api/audit';
import { parseRequest } from '../http/validate';
import type { RouteContext } from './routeContext';

/** GET /api/audit (admins): the audit log, newest first, optionally one kind of action. */
export function registerAuditRoutes(app: FastifyInstance, { db }: RouteContext): void {
  app.get('/api/audit', { config: { access: ['admin'] } }, async (request): Promise<AuditEntryView[]> => {
    const q = parseRequest(AuditQuerySchema, request.query, 'query');
    const params: unknown[] = [q.limit];
    const where = q.action === undefined ? '' : `WHERE a.action = $${params.push(q.action)}`;
    const { rows } = await db.query<{ id: string; at: Date; staffId: string | null; staffName: string | null; action: string; detail: Record<string, unknown> }>(
      `SELECT a.id::text AS id, a.at, a.staff_id::text AS "staffId", s.display_name AS "staffName", a.action, a.detail
         FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id ${where}
        ORDER BY a.at DESC, a.id DESC LIMIT $1`,
      params,
    );
    return rows.map((r) => ({ ...r, at: new Date(r.at).getTime() }));
  });
}
