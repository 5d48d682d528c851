import type { FastifyInstance } from 'fastify';
import { CreateBranchRequestSchema, UpdateBranchRequestSchema, type BranchResponse, type ListBranchesResponse } from '@shared/api/branches';
import { IdParamsSchema, NoQuerySchema } from '@shared/api/common';
import { STAFF_ROLES } from '@shared/api/roles';
import { createBranch, updateBranch } from '../accounts/branchAccounts';
import { listBranches } from '../accounts/branchStore';
import { staffOf } from '../auth/access';
import { parseRequest } from '../http/validate';
import type { RouteContext } from './routeContext';

/** GET /api/branches (everyone: admins all, others their own), POST and PATCH /api/branches/:id (admin). */
export function registerBranchRoutes(app: FastifyInstance, { db }: RouteContext): void {
  app.get('/api/branches', { config: { access: STAFF_ROLES } }, async (request): Promise<ListBranchesResponse> => {
    parseRequest(NoQuerySchema, request.query, 'query');
    const me = staffOf(request);
    return { branches: await listBranches(db, me.role === 'admin' ? undefined : me.branchIds) };
  });

  app.post('/api/branches', { config: { access: ['admin'] } }, async (request, reply): Promise<BranchResponse> => {
    const { name } = parseRequest(CreateBranchRequestSchema, request.body, 'body');
    reply.code(201);
    return { branch: await createBranch(db, staffOf(request).id, name) };
  });

  app.patch('/api/branches/:id', { config: { access: ['admin'] } }, async (request): Promise<BranchResponse> => {
    const { id } = parseRequest(IdParamsSchema, request.params, 'params');
    const { name } = parseRequest(UpdateBranchRequestSchema, request.body, 'body');
    return { branch: await updateBranch(db, staffOf(request).id, id, name) };
  });
}
