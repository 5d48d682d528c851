import { createHash, randomBytes } from 'node:crypto';

const TOKEN_BYTES = 32;
/** 32 bytes in base64url: 43 characters. */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** A new opaque session token: 256 random bits, base64url. Only its hash is ever stored. */
export function newSessionToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * What the sessions table keeps instead of the token. A plain SHA-256 is enough: the token
 * is 256 random bits, so there is nothing to guess (unlike a password, which needs scrypt).
 */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The token from `Authorization: Bearer <token>`; undefined when the header is absent, or 'malformed'. */
export function bearerToken(header: string | undefined): string | undefined | 'malformed' {
  if (header === undefined) return undefined;
  const match = /^Bearer ([^\s]+)$/i.exec(header.trim());
  return match && TOKEN_FORMAT.test(match[1]!) ? match[1] : 'malformed';
}
