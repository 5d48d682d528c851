import type { FastifyInstance } from 'fastify';
import { STAFF_ROLES } from '@shared/api/roles';
import { PullQuerySchema, PushRequestSchema, type PullResponse, type PushResponse } from '@shared/sync/protocol';
import { staffOf } from '../auth/access';
import { ApiError } from '../http/apiError';
import { parseRequest } from '../http/validate';
import type { RouteContext } from '../routes/routeContext';
import { formatCursor, parseCursor } from './syncCursor';
import { readDeskHeaders } from './syncHeaders';
import { PushCommitter } from './pushCommitter';
import { readChanges, syncPosition } from './syncStore';
import type { StaffScope } from './storedRecord';

const scopeOf = (staff: { id: string; role: StaffScope['role']; branchIds: string[] }): StaffScope => ({ staffId: staff.id, role: staff.role, branchIds: staff.branchIds });

/**
 * POST /api/sync/push and GET /api/sync/pull (docs/sync-protocol.md). Every staff role may
 * sync; what each may change or read is decided per record by branch (and erasure by role).
 */
export function registerSyncRoutes(app: FastifyInstance, { db }: RouteContext): void {
  const pushes = new PushCommitter(db, app.log);
  // A push whose desk hung up still sits in the queue; the caller closes the database only after app.close().
  app.addHook('onClose', () => pushes.idle());
  app.post('/api/sync/push', { config: { access: STAFF_ROLES } }, async (request): Promise<PushResponse> => {
    const desk = readDeskHeaders(request, { checkClock: true });
    const { mutations } = parseRequest(PushRequestSchema, request.body, 'body');
    const scope = scopeOf(staffOf(request));
    const outcome = await pushes.push({ scope, deskId: desk.deskId, mutations });
    const rejected = outcome.results.filter((r) => r.status === 'rejected').length;
    request.log.info({ desk: desk.deskId, mutations: mutations.length, rejected, lastSeq: outcome.lastSeq }, 'sync push');
    return { results: outcome.results, serverTime: Date.now() };
  });

  app.get('/api/sync/pull', { config: { access: STAFF_ROLES } }, async (request): Promise<PullResponse> => {
    readDeskHeaders(request, { checkClock: false });
    const query = parseRequest(PullQuerySchema, request.query, 'query');
    const scope = scopeOf(staffOf(request));
    const position = await syncPosition(db);
    let afterSeq = 0;
    if (query.cursor !== undefined) {
      const cursor = parseCursor(query.cursor);
      if (!cursor || cursor.epoch !== position.epoch || cursor.seq > position.maxSeq) {
        throw new ApiError(409, 'resync-required', 'This server does not know where this desk left off; the desk pulls everything again');
      }
      afterSeq = cursor.seq;
    }
    const page = await readChanges(db, scope, afterSeq, query.limit, query.cursor === undefined);
    return {
      records: page.records,
      cursor: formatCursor(position.epoch, page.lastSeq),
      more: page.more,
      ...(page.total === undefined ? {} : { total: page.total }),
      serverTime: Date.now(),
    };
  });
}
