import { v7 as uuidv7 } from 'uuid';
import type { Queryable } from '../db/database';
import type { LoginLimits } from './authSettings';

const LOGIN_CLAIM_LOCK = 4_217_800_947;

export type AttemptClaim = { allowed: true; attemptId: string } | { allowed: false; retryAfterSeconds: number };

/**
 * Records a login attempt *before* the password is checked and counts it at once, so that
 * concurrent guesses (on any server process) each see the others: at most the limit ever
 * get as far as a password check. The row stays as a failure unless the login succeeds
 * (`forgetFailures`). A refused attempt is not kept, so Retry-After stays true however
 * often a client knocks. Run it inside a transaction: it holds a lock until that ends.
 */
export async function claimLoginAttempt(q: Queryable, usernameKey: string, ip: string, limits: LoginLimits): Promise<AttemptClaim> {
  // Claims take turns (in the caller's transaction, across server processes): otherwise a burst
  // of simultaneous guesses each counts all the others, all are refused, none is kept as a
  // failure, and the burst leaves no trace for the next guess.
  await q.query('SELECT pg_advisory_xact_lock($1)', [LOGIN_CLAIM_LOCK]);
  const window = limits.windowSeconds;
  await q.query('DELETE FROM login_attempts WHERE attempted_at < now() - make_interval(secs => $1)', [window]);
  const attemptId = uuidv7();
  await q.query('INSERT INTO login_attempts (id, username_key, ip) VALUES ($1, $2, $3)', [attemptId, usernameKey, ip]);
  const { rows } = await q.query<{ by_username: number; by_ip: number }>(
    `SELECT count(*) FILTER (WHERE username_key = $1) AS by_username, count(*) FILTER (WHERE ip = $2) AS by_ip
     FROM login_attempts WHERE (username_key = $1 OR ip = $2) AND attempted_at > now() - make_interval(secs => $3)`,
    [usernameKey, ip, window],
  );
  const counts = rows[0]!;
  const usernameOver = counts.by_username > limits.maxFailuresPerUsername;
  const ipOver = counts.by_ip > limits.maxFailuresPerIp;
  if (!usernameOver && !ipOver) return { allowed: true, attemptId };

  await q.query('DELETE FROM login_attempts WHERE id = $1', [attemptId]);
  const waits = await Promise.all([
    usernameOver ? secondsUntilBelowLimit(q, 'username_key', usernameKey, counts.by_username - 1 - limits.maxFailuresPerUsername, window) : 0,
    ipOver ? secondsUntilBelowLimit(q, 'ip', ip, counts.by_ip - 1 - limits.maxFailuresPerIp, window) : 0,
  ]);
  return { allowed: false, retryAfterSeconds: Math.max(1, ...waits) };
}

/** How long until the failure that keeps the count at the limit (`excess` failures after the oldest) drops out of the window. */
async function secondsUntilBelowLimit(q: Queryable, column: 'username_key' | 'ip', value: string, excess: number, window: number): Promise<number> {
  const { rows } = await q.query<{ wait: number }>(
    `SELECT ceil(extract(epoch FROM attempted_at + make_interval(secs => $2) - now()))::int AS wait
     FROM login_attempts WHERE ${column} = $1 AND attempted_at > now() - make_interval(secs => $2)
     ORDER BY attempted_at OFFSET $3 LIMIT 1`,
    [value, window, Math.max(0, excess)],
  );
  return rows[0]?.wait ?? 1;
}

/**
 * A successful login clears that username's failures from that address: the person's own
 * typos. Failures from elsewhere stay, so a guesser cannot wash out their count by logging
 * in to an account of their own, nor the owner's login wipe a guesser's record.
 */
export async function forgetFailures(q: Queryable, usernameKey: string, ip: string): Promise<void> {
  await q.query('DELETE FROM login_attempts WHERE username_key = $1 AND ip = $2', [usernameKey, ip]);
}

/** An attempt that turned out not to be a guess (right password, but the account is disabled). */
export async function forgetAttempt(q: Queryable, attemptId: string): Promise<void> {
  await q.query('DELETE FROM login_attempts WHERE id = $1', [attemptId]);
}
