import { z } from 'zod';

/**
 * desk: works at the desks of their branches. manager: also sees their branches' staff.
 * admin: manages staff and branches and sees every branch.
 */
export const STAFF_ROLES = ['desk', 'manager', 'admin'] as const;
export const StaffRoleSchema = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof StaffRoleSchema>;

/** Roles that must belong to at least one branch (an admin sees all branches anyway). */
export function roleNeedsBranch(role: StaffRole): boolean {
  return role !== 'admin';
}
