import type { AuthSettings } from '../auth/authSettings';
import type { Database } from '../db/database';

/** What route handlers share: the database and the auth settings. */
export interface RouteContext {
  db: Database;
  auth: AuthSettings;
}
