import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from './passwordPolicy';
import type { StaffRole } from './roles';

/**
 * POST /api/auth/login. The username is matched case-insensitively. Nothing here hints at
 * the username rules, so a refused login never tells a guesser what a valid name looks like.
 */
export const LoginRequestSchema = z.strictObject({
  // No username has control characters, and PostgreSQL could not even compare one with NUL.
  username: z.string().trim().min(1, 'Enter your username').max(200, 'Enter your username').regex(/^[^\p{Cc}]*$/u, 'Enter your username'),
  password: z.string().min(1, 'Enter your password').max(PASSWORD_MAX_LENGTH, 'Enter your password'),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

/** The logged-in staff member as the desk needs them. Times are epoch milliseconds. */
export interface SessionStaff {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  /** The branches they belong to (an admin may belong to none and still sees all). */
  branchIds: string[];
}

export interface LoginResponse {
  /** Opaque bearer token: send as `Authorization: Bearer <token>`. Keep it in DeskHost secret storage. */
  token: string;
  /** When the session ends if unused; every request pushes this forward (up to `absoluteExpiresAt`). */
  expiresAt: number;
  /** The latest the session can last, however busy. */
  absoluteExpiresAt: number;
  staff: SessionStaff;
}

/** GET /api/auth/me */
export interface MeResponse {
  staff: SessionStaff;
  /** The branches this staff member works in: all of them for an admin. */
  branches: { id: string; name: string }[];
  session: { expiresAt: number; absoluteExpiresAt: number };
}
