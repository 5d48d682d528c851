import { pino, type DestinationStream, type Logger } from 'pino';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Fastify's default request serializer logs no headers or bodies, so tokens and passwords
 * never reach a log line; these paths keep it so if someone later logs a request, a body
 * or an error that carries them.
 */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'body.password',
  'body.token',
  '*.password',
  '*.token',
  'password',
  'token',
];

/** The server's structured (pino, JSON lines) logger; Fastify logs requests through it too. */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
