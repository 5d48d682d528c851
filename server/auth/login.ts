import type { LoginRequest, LoginResponse } from '@shared/api/auth';
import { recordAudit } from '../accounts/auditLog';
import { findCredentials, getStaff, updateStaffRow } from '../accounts/staffStore';
import type { Database } from '../db/database';
import { ApiError } from '../http/apiError';
import type { AuthSettings } from './authSettings';
import { claimLoginAttempt, forgetAttempt, forgetFailures } from './loginRateLimit';
import { hashPassword, needsRehash, verifyPassword, type ScryptCost } from './passwordHash';
import { createSession, pruneSessions } from './sessions';

const dummyHashes = new Map<string, Promise<string>>();

/** A hash to check unknown usernames against, so they take as long as known ones and the timing names no one. */
function dummyHash(cost: ScryptCost): Promise<string> {
  const key = `${cost.logN},${cost.r},${cost.p}`;
  let hash = dummyHashes.get(key);
  if (!hash) dummyHashes.set(key, (hash = hashPassword('no one has this password', cost)));
  return hash;
}

/**
 * Checks a username and password and starts a session. Refuses with one message for an
 * unknown user and a wrong password alike. The slow password check runs outside any
 * transaction: on PGlite a transaction holds the only connection.
 */
export async function login(db: Database, input: LoginRequest, ip: string, settings: AuthSettings): Promise<LoginResponse> {
  const usernameKey = input.username.toLowerCase();
  const claim = await db.transaction((tx) => claimLoginAttempt(tx, usernameKey, ip, settings.loginLimits));
  if (!claim.allowed) {
    const minutes = Math.ceil(claim.retryAfterSeconds / 60);
    throw new ApiError(429, 'too-many-attempts', `Too many failed logins; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`, {
      headers: { 'Retry-After': String(claim.retryAfterSeconds) },
    });
  }

  const credentials = await findCredentials(db, input.username);
  const passwordOk = await verifyPassword(input.password, credentials?.passwordHash ?? (await dummyHash(settings.scryptCost)));
  if (!credentials || !passwordOk) {
    await recordAudit(db, { staffId: credentials?.id ?? null, action: 'login-failed', detail: { username: input.username.slice(0, 64), ip } });
    throw new ApiError(401, 'invalid-credentials', 'Wrong username or password');
  }
  if (credentials.disabled) {
    await forgetAttempt(db, claim.attemptId);
    throw new ApiError(403, 'account-disabled', 'This account is disabled; ask an administrator');
  }

  const newHash = needsRehash(credentials.passwordHash, settings.scryptCost) ? await hashPassword(input.password, settings.scryptCost) : undefined;
  return db.transaction(async (tx) => {
    await forgetFailures(tx, usernameKey, ip);
    if (newHash) await updateStaffRow(tx, credentials.id, { passwordHash: newHash });
    await pruneSessions(tx);
    const session = await createSession(tx, credentials.id, settings);
    const staff = (await getStaff(tx, credentials.id))!;
    await recordAudit(tx, { staffId: staff.id, action: 'login', detail: { sessionId: session.sessionId, ip } });
    return {
      token: session.token,
      expiresAt: session.expiresAt,
      absoluteExpiresAt: session.absoluteExpiresAt,
      staff: { id: staff.id, username: staff.username, displayName: staff.displayName, role: staff.role, branchIds: staff.branchIds },
    };
  });
}
