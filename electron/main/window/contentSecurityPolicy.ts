import type { Session } from 'electron';

export interface ContentSecurityPolicyOptions {
  /** Extra origins the renderer may fetch from, e.g. a configured sync server ("https://sync.example.org"). */
  connectOrigins?: readonly string[];
  /** The electron-vite dev server, when running `electron-vite dev`. */
  devServerUrl?: string | undefined;
}

/**
 * The renderer's Content-Security-Policy. Only the app's own scripts run. The sync server's
 * address is typed on the login screen and kept in the desk's own database, which the main
 * process cannot read before the window loads, so any https server is reachable (plus a
 * server on this machine over plain http); scripts stay locked to the app itself.
 */
export function buildContentSecurityPolicy(options: ContentSecurityPolicyOptions = {}): string {
  const scriptSrc = ["'self'"];
  const connectSrc = ["'self'", 'https:', 'wss:', 'http://localhost:*', 'http://127.0.0.1:*', 'ws://localhost:*', 'ws://127.0.0.1:*'];
  for (const origin of options.connectOrigins ?? []) {
    connectSrc.push(...connectSourcesFor(origin));
  }
  if (options.devServerUrl) {
    // The React Refresh preamble Vite injects in dev is an inline script, and HMR talks over a
    // WebSocket to the dev server; neither exists in a built app, which keeps the strict policy.
    scriptSrc.push("'unsafe-inline'");
    connectSrc.push(...connectSourcesFor(options.devServerUrl));
  }
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', scriptSrc],
    // The XLSX export's Web Worker, a script of the app's own (worker-src would fall back to
    // script-src; named so a change there cannot silently stop exports). No blob: workers.
    ['worker-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['connect-src', unique(connectSrc)],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

// An http(s) origin also needs its ws(s) twin for the live "new changes" poke.
function connectSourcesFor(origin: string): string[] {
  const url = new URL(origin);
  const socketScheme = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return [url.origin, `${socketScheme}//${url.host}`];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

const CSP_HEADER = 'Content-Security-Policy';

/** Sets the policy on every document the session loads, replacing any policy a server sent. */
export function applyContentSecurityPolicy(session: Session, policy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (details.resourceType !== 'mainFrame' && details.resourceType !== 'subFrame') {
      callback({});
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== CSP_HEADER.toLowerCase()),
    );
    callback({ responseHeaders: { ...headers, [CSP_HEADER]: [policy] } });
  });
}
