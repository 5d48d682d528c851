import type { FastifyInstance } from 'fastify';
import { LoginRequestSchema, type LoginResponse, type MeResponse } from '@shared/api/auth';
import { NoBodySchema, NoQuerySchema } from '@shared/api/common';
import { STAFF_ROLES } from '@shared/api/roles';
import { recordAudit } from '../accounts/auditLog';
import { listBranches } from '../accounts/branchStore';
import { staffOf } from '../auth/access';
import { login } from '../auth/login';
import { revokeSession } from '../auth/sessions';
import { parseRequest } from '../http/validate';
import type { RouteContext } from './routeContext';

/** POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me. */
export function registerAuthRoutes(app: FastifyInstance, { db, auth }: RouteContext): void {
  app.post('/api/auth/login', { config: { access: 'public' } }, async (request): Promise<LoginResponse> => {
    const body = parseRequest(LoginRequestSchema, request.body, 'body');
    return login(db, body, request.ip, auth);
  });

  app.post('/api/auth/logout', { config: { access: STAFF_ROLES } }, async (request, reply) => {
    parseRequest(NoBodySchema, request.body, 'body');
    const staff = staffOf(request);
    await db.transaction(async (tx) => {
      await revokeSession(tx, staff.sessionId, 'logout');
      await recordAudit(tx, { staffId: staff.id, action: 'logout', detail: { sessionId: staff.sessionId } });
    });
    return reply.code(204).send();
  });

  app.get('/api/auth/me', { config: { access: STAFF_ROLES } }, async (request): Promise<MeResponse> => {
    parseRequest(NoQuerySchema, request.query, 'query');
    const staff = staffOf(request);
    const branches = await listBranches(db, staff.role === 'admin' ? undefined : staff.branchIds);
    return {
      staff: { id: staff.id, username: staff.username, displayName: staff.displayName, role: staff.role, branchIds: staff.branchIds },
      branches: branches.map(({ id, name }) => ({ id, name })),
      session: { expiresAt: staff.expiresAt, absoluteExpiresAt: staff.absoluteExpiresAt },
    };
  });
}
