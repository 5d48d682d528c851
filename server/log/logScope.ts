import type { FastifyRequest } from 'fastify';
import type { LogFilter } from '@shared/log/logQuery';
import { canReachBranch, staffOf } from '../auth/access';
import { ApiError } from '../http/apiError';
import type { BranchScope } from './logSql';

/**
 * The branches a log request reads: the ones the filter names, each of which the caller
 * must work in (403 forbidden-branch otherwise: naming a branch is asking for it, and
 * silently answering with less would pass for "no entries"); without a branch filter,
 * the caller's own branches (admins: every branch).
 */
export function branchScopeOf(request: FastifyRequest, filter: LogFilter): BranchScope {
  const staff = staffOf(request);
  if (filter.branchIds) {
    const outside = filter.branchIds.find((b) => !canReachBranch(staff, b));
    if (outside !== undefined) throw new ApiError(403, 'forbidden-branch', `You do not work in branch ${outside}`);
    return filter.branchIds;
  }
  return staff.role === 'admin' ? null : staff.branchIds;
}
