import { existsSync } from 'node:fs';
import { chromium, type BrowserContext } from 'playwright-core';

/** Chromium with a persistent profile (the seeded IndexedDB survives between runs). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function assertChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH to a Chromium/Chrome executable.`,
    );
  }
}

export async function launchBrowser(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 800 },
  });
}

export async function chromiumVersion(context: BrowserContext): Promise<string> {
  return context.browser()?.version() ?? (await context.pages()[0]?.evaluate(() => navigator.userAgent)) ?? 'unknown';
}

/**
 * Wipes an origin's IndexedDB and localStorage through the DevTools protocol: unlike
 * deleting databases one by one, this also drops the backing store, so a reseed or a
 * write-rate measurement starts from an empty store instead of one still compacting
 * what was deleted.
 */
export async function clearOriginStorage(context: BrowserContext, origin: string): Promise<void> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'indexeddb,local_storage' });
    await cdp.detach();
  } finally {
    await page.close();
  }
}
