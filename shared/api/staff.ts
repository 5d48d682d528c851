import { z } from 'zod';
import { IdSchema } from './common';
import { NewPasswordSchema } from './passwordPolicy';
import { StaffRoleSchema, type StaffRole } from './roles';

/** Letters, digits and . _ @ - ; compared case-insensitively ("Alice" and "alice" are one person). */
export const UsernameSchema = z
  .string()
  .trim()
  .min(2, 'Use at least 2 characters')
  .max(64, 'Use at most 64 characters')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._@-]*$/u, 'Use letters, digits and . _ @ - only, starting with a letter or digit');

const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;

export const DisplayNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter the name colleagues know them by')
  .max(100, 'Use at most 100 characters')
  .regex(NO_CONTROL_CHARACTERS, 'Remove line breaks and control characters');

const BranchIdsSchema = z
  .array(IdSchema)
  .max(500, 'At most 500 branches')
  .refine((ids) => new Set(ids).size === ids.length, 'A branch is listed twice');

/** A staff member as the API shows them. Times are epoch milliseconds. */
export interface StaffMember {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  branchIds: string[];
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}

/** GET /api/staff?branchId=… — managers must name one of their branches or get theirs only. */
export const ListStaffQuerySchema = z.strictObject({ branchId: IdSchema.optional() });
export type ListStaffQuery = z.infer<typeof ListStaffQuerySchema>;

export interface ListStaffResponse {
  staff: StaffMember[];
}

/** POST /api/staff (admin). desk and manager staff belong to at least one branch. */
export const CreateStaffRequestSchema = z
  .strictObject({
    username: UsernameSchema,
    displayName: DisplayNameSchema,
    role: StaffRoleSchema,
    branchIds: BranchIdsSchema,
    password: NewPasswordSchema,
  })
  .superRefine((staff, ctx) => {
    if (staff.role !== 'admin' && staff.branchIds.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['branchIds'], message: 'Choose at least one branch for desk and manager staff' });
    }
  });
export type CreateStaffRequest = z.infer<typeof CreateStaffRequestSchema>;

/**
 * PATCH /api/staff/:id (admin): any of these, at least one. Disabling or setting a new
 * password ends every session of that staff member.
 */
export const UpdateStaffRequestSchema = z
  .strictObject({
    displayName: DisplayNameSchema.optional(),
    role: StaffRoleSchema.optional(),
    branchIds: BranchIdsSchema.optional(),
    disabled: z.boolean().optional(),
    password: NewPasswordSchema.optional(),
  })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), 'Nothing to change: send at least one field');
export type UpdateStaffRequest = z.infer<typeof UpdateStaffRequestSchema>;

export interface StaffResponse {
  staff: StaffMember;
}
