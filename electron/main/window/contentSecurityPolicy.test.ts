import type { Session } from 'electron';
import { describe, expect, it } from 'vitest';
import { applyContentSecurityPolicy, buildContentSecurityPolicy } from './contentSecurityPolicy';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('buildContentSecurityPolicy', () => {
  it('allows only the app itself, inline styles, local images, https servers and a server on this machine', () => {
    expect(buildContentSecurityPolicy()).toBe(
      "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "connect-src 'self' https: wss: http://localhost:* http://127.0.0.1:* ws://localhost:* ws://127.0.0.1:*; object-src 'none'; base-uri 'self'; " +
        "form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('adds a configured sync server with its WebSocket twin', () => {
    const policy = directives(buildContentSecurityPolicy({ connectOrigins: ['https://sync.library.example/api'] }));
    expect(policy.get('connect-src')).toEqual([
      "'self'",
      'https:',
      'wss:',
      'http://localhost:*',
      'http://127.0.0.1:*',
      'ws://localhost:*',
      'ws://127.0.0.1:*',
      'https://sync.library.example',
      'wss://sync.library.example',
    ]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
  });

  it('relaxes scripts only for the dev server', () => {
    const policy = directives(buildContentSecurityPolicy({ devServerUrl: 'http://localhost:5173/' }));
    expect(policy.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('connect-src')).toContain('ws://localhost:5173');
  });
});

describe('applyContentSecurityPolicy', () => {
  type Listener = (details: { resourceType: string; responseHeaders?: Record<string, string[]> }, callback: (r: unknown) => void) => void;
  function install(): Listener {
    let listener: Listener | undefined;
    const session = { webRequest: { onHeadersReceived: (l: Listener) => (listener = l) } };
    applyContentSecurityPolicy(session as unknown as Session, "default-src 'self'");
    if (!listener) throw new Error('no listener installed');
    return listener;
  }

  it('sets the policy on documents, replacing one a server sent', () => {
    const listener = install();
    let response: unknown;
    listener(
      { resourceType: 'mainFrame', responseHeaders: { 'content-security-policy': ['*'], 'Content-Type': ['text/html'] } },
      (r) => (response = r),
    );
    expect(response).toEqual({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'self'"] },
    });
  });

  it('leaves other responses alone', () => {
    const listener = install();
    let response: unknown;
    listener({ resourceType: 'xhr', responseHeaders: {} }, (r) => (response = r));
    expect(response).toEqual({});
  });
});
