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
import { readChanges } from './syncStore';
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

  app.get('/api/sync/pull', { config: { access: STAFF_ROLES } }, async (request, reply): Promise<string> => {
    readDeskHeaders(request, { checkClock: false });
    const query = parseRequest(PullQuerySchema, request.query, 'query');
    const scope = scopeOf(staffOf(request));
    const cursor = query.cursor === undefined ? undefined : parseCursor(query.cursor);
    if (query.cursor !== undefined && !cursor) throw resyncRequired();
    const page = await readChanges(db, scope, cursor?.seq ?? 0, query.limit, cursor === undefined);
    // Checked against the position read with the page (one snapshot): a cursor from another
    // database (epoch) or from past its end (a restore) cannot be continued.
    if (cursor && (cursor.epoch !== page.epoch || cursor.seq > page.maxSeq)) throw resyncRequired();
    // The records are JSON text already (readChanges); the rest is spliced around them.
    const rest: Omit<PullResponse, 'records'> = {
      cursor: formatCursor(page.epoch, page.lastSeq),
      more: page.more,
      ...(page.total === undefined ? {} : { total: page.total }),
      serverTime: Date.now(),
    };
    reply.type('application/json; charset=utf-8');
    return `{"records":${page.recordsJson},${JSON.stringify(rest).slice(1)}`;
  });
}

const resyncRequired = () =>
  new ApiError(409, 'resync-required', 'This server does not know where this desk left off; the desk pulls everything again');
