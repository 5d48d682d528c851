import type { FastifyInstance } from 'fastify';
import { IdParamsSchema } from '@shared/api/common';
import {
  CreateStaffRequestSchema,
  ListStaffQuerySchema,
  UpdateStaffRequestSchema,
  type ListStaffResponse,
  type StaffResponse,
} from '@shared/api/staff';
import { listStaff } from '../accounts/staffStore';
import { createStaff, updateStaff } from '../accounts/staffAccounts';
import { requireBranch, staffOf } from '../auth/access';
import { parseRequest } from '../http/validate';
import type { RouteContext } from './routeContext';

/** GET /api/staff (admin; manager for their branches), POST /api/staff and PATCH /api/staff/:id (admin). */
export function registerStaffRoutes(app: FastifyInstance, { db, auth }: RouteContext): void {
  app.get('/api/staff', { config: { access: ['admin', 'manager'] } }, async (request): Promise<ListStaffResponse> => {
    const query = parseRequest(ListStaffQuerySchema, request.query, 'query');
    const me = staffOf(request);
    if (me.role === 'admin') return { staff: await listStaff(db, query.branchId ? [query.branchId] : undefined) };
    if (query.branchId) requireBranch(request, query.branchId);
    const mine = new Set(me.branchIds);
    const staff = await listStaff(db, query.branchId ? [query.branchId] : me.branchIds);
    // A manager sees their colleagues' membership of the manager's own branches only.
    return { staff: staff.map((member) => ({ ...member, branchIds: member.branchIds.filter((id) => mine.has(id)) })) };
  });

  app.post('/api/staff', { config: { access: ['admin'] } }, async (request, reply): Promise<StaffResponse> => {
    const body = parseRequest(CreateStaffRequestSchema, request.body, 'body');
    const staff = await createStaff(db, staffOf(request).id, body, auth.scryptCost);
    reply.code(201);
    return { staff };
  });

  app.patch('/api/staff/:id', { config: { access: ['admin'] } }, async (request): Promise<StaffResponse> => {
    const { id } = parseRequest(IdParamsSchema, request.params, 'params');
    const body = parseRequest(UpdateStaffRequestSchema, request.body, 'body');
    return { staff: await updateStaff(db, staffOf(request).id, id, body, auth.scryptCost) };
  });
}
