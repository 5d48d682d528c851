import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bearerToken, hashSessionToken, newSessionToken } from './sessionToken';

describe('session tokens', () => {
  it('are 32 random bytes in base64url, different every time', () => {
    const tokens = new Set(Array.from({ length: 200 }, newSessionToken));
    expect(tokens.size).toBe(200);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
  });

  it('are stored as their SHA-256 in hex', () => {
    const token = newSessionToken();
    expect(hashSessionToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashSessionToken(token)).not.toContain(token);
  });

  it('are read from "Authorization: Bearer <token>" only', () => {
    const token = newSessionToken();
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken(`Bearer ${token}`)).toBe(token);
    expect(bearerToken(`bearer ${token}`)).toBe(token);
    expect(bearerToken(token)).toBe('malformed');
    expect(bearerToken(`Basic ${token}`)).toBe('malformed');
    expect(bearerToken(`Bearer ${token}x`)).toBe('malformed');
    expect(bearerToken('Bearer ')).toBe('malformed');
  });
});
