import type { FastifyRequest } from 'fastify';
import type { StaffRole } from '@shared/api/roles';
import { ApiError } from '../http/apiError';
import type { AuthenticatedStaff } from './sessions';

/** Who may call a route: anyone ('public') or logged-in staff with one of these roles. */
export type RouteAccess = 'public' | readonly StaffRole[];

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in staff member; set by the auth hook on every route that is not public. */
    staff: AuthenticatedStaff | null;
  }
  interface FastifyContextConfig {
    /** Required on every /api route: the auth hook enforces it before the handler runs. */
    access?: RouteAccess;
  }
}

const ROLE_NAMES: Record<StaffRole, string> = { desk: 'desk staff', manager: 'managers', admin: 'administrators' };

/** The staff member making the request; throws 401 on a route that let anonymous callers through. */
export function staffOf(request: FastifyRequest): AuthenticatedStaff {
  if (!request.staff) throw new ApiError(401, 'not-logged-in', 'Log in first', { headers: { 'WWW-Authenticate': 'Bearer' } });
  return request.staff;
}

/** Throws 403 unless the staff member has one of `roles`; returns them. */
export function requireRole(request: FastifyRequest, ...roles: StaffRole[]): AuthenticatedStaff {
  const staff = staffOf(request);
  if (!roles.includes(staff.role)) {
    throw new ApiError(403, 'forbidden-role', `Only ${roles.map((role) => ROLE_NAMES[role]).join(' and ')} may do this`);
  }
  return staff;
}

/** True when the staff member may see and change data of the branch (admins: every branch). */
export function canReachBranch(staff: AuthenticatedStaff, branchId: string): boolean {
  return staff.role === 'admin' || staff.branchIds.includes(branchId);
}

/** Throws 403 unless the staff member works in the branch (admins reach every branch); returns them. */
export function requireBranch(request: FastifyRequest, branchId: string): AuthenticatedStaff {
  const staff = staffOf(request);
  if (!canReachBranch(staff, branchId)) throw new ApiError(403, 'forbidden-branch', 'You do not work in this branch');
  return staff;
}
