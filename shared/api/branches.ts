import { z } from 'zod';

export const BranchNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter the branch name')
  .max(100, 'Use at most 100 characters')
  .regex(/^[^\p{Cc}]*$/u, 'Remove line breaks and control characters');

/** A branch (library, museum site…). Names are unique case-insensitively. Times are epoch milliseconds. */
export interface Branch {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
}

/** GET /api/branches: all branches for an admin, one's own for everyone else. */
export interface ListBranchesResponse {
  branches: Branch[];
}

/** POST /api/branches (admin). */
export const CreateBranchRequestSchema = z.strictObject({ name: BranchNameSchema });
export type CreateBranchRequest = z.infer<typeof CreateBranchRequestSchema>;

/** PATCH /api/branches/:id (admin). */
export const UpdateBranchRequestSchema = z.strictObject({ name: BranchNameSchema });
export type UpdateBranchRequest = z.infer<typeof UpdateBranchRequestSchema>;

export interface BranchResponse {
  branch: Branch;
}
