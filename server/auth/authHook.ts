import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/database';
import { ApiError } from '../http/apiError';
import { requireRole } from './access';
import type { AuthSettings } from './authSettings';
import { bearerToken } from './sessionToken';
import { checkSession, type RevokeReason } from './sessions';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer' };

const REVOKED_MESSAGES: Record<RevokeReason, string> = {
  logout: 'This session was logged out; log in again',
  disabled: 'Your account was disabled; ask an administrator',
  'password-reset': 'Your password was changed; log in with the new one',
};

async function authenticate(request: FastifyRequest, db: Database, settings: AuthSettings): Promise<void> {
  const token = bearerToken(request.headers.authorization);
  if (token === undefined) throw new ApiError(401, 'not-logged-in', 'Log in first', { headers: CHALLENGE });
  if (token === 'malformed') throw new ApiError(401, 'session-invalid', 'The Authorization header is not "Bearer <token>" with a token from this server', { headers: CHALLENGE });
  const check = await checkSession(db, token, settings);
  switch (check.status) {
    case 'ok':
      request.staff = check.staff;
      return;
    case 'unknown':
      throw new ApiError(401, 'session-invalid', 'This session is not known here; log in again', { headers: CHALLENGE });
    case 'expired':
      throw new ApiError(401, 'session-expired', 'Your session has expired; log in again', { headers: CHALLENGE });
    case 'revoked':
      throw new ApiError(401, 'session-revoked', REVOKED_MESSAGES[check.reason], { headers: CHALLENGE });
    case 'disabled':
      throw new ApiError(403, 'account-disabled', 'This account is disabled; ask an administrator');
  }
}

/**
 * Authentication and role checks for every /api route, before the body is even read.
 * A route must say who may call it (`config.access`): one that does not fails at startup,
 * so no endpoint can be added without a decision. Branch checks depend on the request's
 * data and stay in the handlers (`requireBranch`).
 */
export function installAuth(app: FastifyInstance, db: Database, settings: AuthSettings): void {
  app.decorateRequest('staff', null);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && route.config?.access === undefined) {
      throw new Error(`Route ${String(route.method)} ${route.url} must declare config.access ('public' or the roles allowed)`);
    }
  });
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return;
    await authenticate(request, db, settings);
    requireRole(request, ...access);
  });
}
