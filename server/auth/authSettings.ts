import { DEFAULT_SCRYPT_COST, type ScryptCost } from './passwordHash';

export interface LoginLimits {
  /** Failures older than this no longer count. */
  windowSeconds: number;
  /** Guessing one person's password. */
  maxFailuresPerUsername: number;
  /**
   * Guessing many people's passwords from one address. Higher than per username because a
   * whole branch often shares one public address, and its typos add up.
   */
  maxFailuresPerIp: number;
}

export interface AuthSettings {
  /** A session ends after this long unused; each use pushes the end forward. */
  sessionIdleSeconds: number;
  /** …but never later than this after login, however busy. */
  sessionMaxSeconds: number;
  loginLimits: LoginLimits;
  scryptCost: ScryptCost;
}

/**
 * 12 hours idle covers a long shift at the desk and ends overnight; 7 days is the longest
 * any token lives, so a token copied off a desk stops working within a week at most.
 */
export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  sessionIdleSeconds: 12 * 60 * 60,
  sessionMaxSeconds: 7 * 24 * 60 * 60,
  loginLimits: { windowSeconds: 15 * 60, maxFailuresPerUsername: 5, maxFailuresPerIp: 20 },
  scryptCost: DEFAULT_SCRYPT_COST,
};
