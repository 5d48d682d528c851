import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the renderer is loaded from, and the one test for "is this URL our own app?". */
export interface RendererLocation {
  /** What the main window loads: the dev server in `electron-vite dev`, the built index.html otherwise. */
  readonly entry: { kind: 'url'; url: string } | { kind: 'file'; path: string };
  /** The origin allowed to call IPC and to be navigated to; everything else is foreign. */
  isAppUrl(url: string | undefined): boolean;
}

export interface RendererLocationOptions {
  /** out/renderer: the built renderer, including inside app.asar. */
  rendererDir: string;
  /** electron-vite dev sets ELECTRON_RENDERER_URL; absent in a built app. */
  devServerUrl?: string | undefined;
}

export function rendererLocation({ rendererDir, devServerUrl }: RendererLocationOptions): RendererLocation {
  if (devServerUrl) {
    const devOrigin = new URL(devServerUrl).origin;
    return {
      entry: { kind: 'url', url: devServerUrl },
      isAppUrl: (url) => parseUrl(url)?.origin === devOrigin,
    };
  }
  return {
    entry: { kind: 'file', path: join(rendererDir, 'index.html') },
    isAppUrl: (url) => isFileInside(parseUrl(url), rendererDir),
  };
}

function parseUrl(url: string | undefined): URL | undefined {
  if (!url) return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

// file:// pages share one opaque origin, so "ours" means "a file under out/renderer": a page
// from anywhere else on disk (a downloaded .html) must not reach the host.
function isFileInside(url: URL | undefined, dir: string): boolean {
  if (url?.protocol !== 'file:' || url.host !== '') return false;
  const rel = relative(dir, fileURLToPath(url));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
