import { v7 as uuidv7 } from 'uuid';
import type { StaffRole } from '@shared/api/roles';
import type { Queryable } from '../db/database';
import type { AuthSettings } from './authSettings';
import { hashSessionToken, newSessionToken } from './sessionToken';

/** Why a session ended early (sessions.revoked_reason). */
export type RevokeReason = 'logout' | 'disabled' | 'password-reset';

/** Who is making a request, as every handler sees them. */
export interface AuthenticatedStaff {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  /** Their branches; an admin may have none and still reaches every branch. */
  branchIds: string[];
  sessionId: string;
  expiresAt: number;
  absoluteExpiresAt: number;
}

export type SessionCheck =
  | { status: 'ok'; staff: AuthenticatedStaff }
  | { status: 'unknown' }
  | { status: 'expired' }
  | { status: 'revoked'; reason: RevokeReason }
  | { status: 'disabled' };

export interface NewSession {
  token: string;
  sessionId: string;
  expiresAt: number;
  absoluteExpiresAt: number;
}

// Writing last_used_at on every request would make each read a write; once a minute is
// precise enough for a 12-hour idle timeout.
const TOUCH_AFTER_SECONDS = 60;

/** Starts a session; the token is returned once and only its hash is stored. */
export async function createSession(q: Queryable, staffId: string, settings: AuthSettings): Promise<NewSession> {
  const token = newSessionToken();
  const { rows } = await q.query<{ id: string; expires_at: Date; absolute_expires_at: Date }>(
    `INSERT INTO sessions (id, token_hash, staff_id, expires_at, absolute_expires_at)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4), now() + make_interval(secs => $5))
     RETURNING id, expires_at, absolute_expires_at`,
    [uuidv7(), hashSessionToken(token), staffId, Math.min(settings.sessionIdleSeconds, settings.sessionMaxSeconds), settings.sessionMaxSeconds],
  );
  const row = rows[0]!;
  return { token, sessionId: row.id, expiresAt: row.expires_at.getTime(), absoluteExpiresAt: row.absolute_expires_at.getTime() };
}

interface SessionRow {
  session_id: string;
  expired: boolean;
  stale: boolean;
  expires_at: Date;
  absolute_expires_at: Date;
  revoked_reason: RevokeReason | null;
  staff_id: string;
  username: string;
  display_name: string;
  role: StaffRole;
  disabled: boolean;
  branch_ids: string[];
}

/** Looks a token up and, when it is good, slides its expiry forward. Role and branches are read fresh every time. */
export async function checkSession(q: Queryable, token: string, settings: AuthSettings): Promise<SessionCheck> {
  const { rows } = await q.query<SessionRow>(
    `SELECT se.id AS session_id, se.expires_at <= now() AS expired,
            se.last_used_at < now() - make_interval(secs => $2) AS stale,
            se.expires_at, se.absolute_expires_at, se.revoked_reason,
            st.id AS staff_id, st.username, st.display_name, st.role, st.disabled,
            COALESCE((SELECT array_agg(sb.branch_id::text ORDER BY sb.branch_id) FROM staff_branches sb WHERE sb.staff_id = st.id), '{}') AS branch_ids
     FROM sessions se JOIN staff st ON st.id = se.staff_id
     WHERE se.token_hash = $1`,
    [hashSessionToken(token), TOUCH_AFTER_SECONDS],
  );
  const row = rows[0];
  if (!row) return { status: 'unknown' };
  if (row.revoked_reason) return { status: 'revoked', reason: row.revoked_reason };
  if (row.expired) return { status: 'expired' };
  if (row.disabled) return { status: 'disabled' };
  let expiresAt = row.expires_at;
  if (row.stale) {
    const touched = await q.query<{ expires_at: Date }>(
      `UPDATE sessions SET last_used_at = now(), expires_at = LEAST(now() + make_interval(secs => $2), absolute_expires_at)
       WHERE id = $1 RETURNING expires_at`,
      [row.session_id, settings.sessionIdleSeconds],
    );
    expiresAt = touched.rows[0]?.expires_at ?? expiresAt;
  }
  return {
    status: 'ok',
    staff: {
      id: row.staff_id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      branchIds: row.branch_ids,
      sessionId: row.session_id,
      expiresAt: expiresAt.getTime(),
      absoluteExpiresAt: row.absolute_expires_at.getTime(),
    },
  };
}

/** Ends one session (logout). */
export async function revokeSession(q: Queryable, sessionId: string, reason: RevokeReason): Promise<void> {
  await q.query('UPDATE sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL', [sessionId, reason]);
}

/** Ends every session of a staff member (disabled, password reset); returns how many were open. */
export async function revokeStaffSessions(q: Queryable, staffId: string, reason: RevokeReason): Promise<number> {
  const { rowCount } = await q.query(
    'UPDATE sessions SET revoked_at = now(), revoked_reason = $2 WHERE staff_id = $1 AND revoked_at IS NULL AND expires_at > now()',
    [staffId, reason],
  );
  return rowCount;
}

/** Forgets sessions that ended long ago; until then a stale token still gets "expired" or "revoked", not "unknown". */
export async function pruneSessions(q: Queryable, olderThanDays = 30): Promise<void> {
  await q.query('DELETE FROM sessions WHERE expires_at < now() - make_interval(days => $1)', [olderThanDays]);
}
