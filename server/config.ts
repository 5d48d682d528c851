import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_AUTH_SETTINGS, type AuthSettings } from './auth/authSettings';
import type { DatabaseLocation } from './db/openDatabase';
import type { LogLevel } from './http/logging';

export interface ServerConfig {
  port: number;
  host: string;
  database: DatabaseLocation;
  /** The web build; served when it exists. */
  webRoot: string;
  trustProxy: boolean;
  logLevel: LogLevel;
  auth: AuthSettings;
}

const positive = (what: string) => z.coerce.number({ error: `${what} must be a number` }).positive(`${what} must be more than 0`);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535, 'PORT must be a port number (0–65535)').default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// (unset it to use the embedded database)')
    .optional(),
  DESK_DATA_DIR: z.string().min(1).default('./data'),
  DESK_WEB_ROOT: z.string().min(1).optional(),
  DESK_TRUST_PROXY: z.enum(['true', 'false', '1', '0'], { error: 'DESK_TRUST_PROXY must be true or false' }).default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  DESK_SESSION_IDLE_HOURS: positive('DESK_SESSION_IDLE_HOURS').optional(),
  DESK_SESSION_MAX_DAYS: positive('DESK_SESSION_MAX_DAYS').optional(),
});

const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../dist/web', import.meta.url));

/** Reads the server's settings from the environment; throws one message naming every bad variable. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n'));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: resolve(e.DESK_DATA_DIR) },
    webRoot: e.DESK_WEB_ROOT ?? DEFAULT_WEB_ROOT,
    trustProxy: e.DESK_TRUST_PROXY === 'true' || e.DESK_TRUST_PROXY === '1',
    logLevel: e.LOG_LEVEL,
    auth: {
      ...DEFAULT_AUTH_SETTINGS,
      sessionIdleSeconds: (e.DESK_SESSION_IDLE_HOURS ?? DEFAULT_AUTH_SETTINGS.sessionIdleSeconds / 3600) * 3600,
      sessionMaxSeconds: (e.DESK_SESSION_MAX_DAYS ?? DEFAULT_AUTH_SETTINGS.sessionMaxSeconds / 86400) * 86400,
    },
  };
}
