import type { FastifyInstance } from 'fastify';
import { STAFF_ROLES } from '@shared/api/roles';
import type { LogFacets, LogPage } from '@shared/log/logApi';
import { LogDashboardQuerySchema, LogFilterQuerySchema, LogPageQuerySchema } from '@shared/log/logQuery';
import type { Dashboard, LogSummary } from '@shared/log/logSummary';
import { parseRequest } from '../http/validate';
import type { RouteContext } from '../routes/routeContext';
import { readDashboard } from './logDashboard';
import { registerLogExportRoute } from './logExportRoute';
import { readLogFacets, readLogPage, readLogSummary } from './logQueries';
import { branchScopeOf } from './logScope';

/**
 * The managers' log (docs/http-api.md, shared/log/logApi.ts). Every staff role reads the
 * log of its own branches (admins: all); the organisation-wide export is for managers and
 * admins (logExportRoute.ts).
 */
export function registerLogRoutes(app: FastifyInstance, context: RouteContext): void {
  const { db } = context;
  app.get('/api/log/entries', { config: { access: STAFF_ROLES } }, async (request): Promise<LogPage> => {
    const q = parseRequest(LogPageQuerySchema, request.query, 'query');
    return readLogPage(db, q.filter, branchScopeOf(request, q.filter), q.sort, q.offset, q.limit);
  });

  app.get('/api/log/summary', { config: { access: STAFF_ROLES } }, async (request): Promise<LogSummary> => {
    const filter = parseRequest(LogFilterQuerySchema, request.query, 'query');
    return readLogSummary(db, filter, branchScopeOf(request, filter));
  });

  app.get('/api/log/facets', { config: { access: STAFF_ROLES } }, async (request): Promise<LogFacets> => {
    const filter = parseRequest(LogFilterQuerySchema, request.query, 'query');
    return readLogFacets(db, filter, branchScopeOf(request, filter));
  });

  app.get('/api/log/dashboard', { config: { access: STAFF_ROLES } }, async (request): Promise<Dashboard> => {
    const q = parseRequest(LogDashboardQuerySchema, request.query, 'query');
    return readDashboard(db, q.filter, branchScopeOf(request, q.filter), q.timeZone, Date.now());
  });

  registerLogExportRoute(app, context);
}
