import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_AUTH_SETTINGS } from './auth/authSettings';
import { configFromEnv } from './config';

describe('configFromEnv', () => {
  it('needs nothing: embedded database in ./data on 127.0.0.1:8787', () => {
    const config = configFromEnv({});
    expect(config).toMatchObject({ port: 8787, host: '127.0.0.1', database: { kind: 'pglite', dataDir: resolve('./data') }, trustProxy: false, logLevel: 'info' });
    expect(config.auth).toEqual(DEFAULT_AUTH_SETTINGS);
  });

  it('uses PostgreSQL when DATABASE_URL is set, and ignores empty variables', () => {
    expect(configFromEnv({ DATABASE_URL: 'postgres://u:p@db:5432/desk', DESK_DATA_DIR: '/var/desk' }).database).toEqual({ kind: 'postgres', url: 'postgres://u:p@db:5432/desk' });
    expect(configFromEnv({ DATABASE_URL: '', DESK_DATA_DIR: '/var/desk' }).database).toEqual({ kind: 'pglite', dataDir: '/var/desk' });
  });

  it('reads session lifetimes in hours and days', () => {
    const { auth } = configFromEnv({ DESK_SESSION_IDLE_HOURS: '8', DESK_SESSION_MAX_DAYS: '1.5' });
    expect(auth.sessionIdleSeconds).toBe(8 * 3600);
    expect(auth.sessionMaxSeconds).toBe(1.5 * 86400);
  });

  it('names every bad variable at once', () => {
    expect(() => configFromEnv({ PORT: '70000', DATABASE_URL: 'mysql://x', DESK_TRUST_PROXY: 'maybe' })).toThrow(
      /PORT: PORT must be a port number[\s\S]*DATABASE_URL: DATABASE_URL must start with postgres:\/\/[\s\S]*DESK_TRUST_PROXY/,
    );
  });
});
