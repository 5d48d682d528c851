/** GET /health: 200 when the server and its database answer, 503 otherwise. */
export type HealthResponse =
  | { status: 'ok'; database: 'ok' }
  | { status: 'unavailable'; database: 'unavailable'; error: { code: 'database-unavailable'; message: string } };
