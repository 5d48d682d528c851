import type { FastifyInstance } from 'fastify';
import type { HealthResponse } from '@shared/api/health';
import type { Database } from '../db/database';

const DATABASE_TIMEOUT_MS = 2000;

/** GET /health: 200 when the database answers within 2 s, 503 otherwise (load balancers take the process out). */
export function registerHealthRoute(app: FastifyInstance, db: Database): void {
  app.get('/health', async (request, reply): Promise<HealthResponse> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        db.query('SELECT 1'),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${DATABASE_TIMEOUT_MS} ms`)), DATABASE_TIMEOUT_MS))),
      ]);
      return { status: 'ok', database: 'ok' };
    } catch (err) {
      request.log.warn({ err }, 'health check: database unavailable');
      reply.code(503);
      return { status: 'unavailable', database: 'unavailable', error: { code: 'database-unavailable', message: 'The database does not answer' } };
    } finally {
      clearTimeout(timer);
    }
  });
}
