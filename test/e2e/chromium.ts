import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** The Chromium the end-to-end tests drive: Debian's, or wherever CHROMIUM_PATH points. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Fails loudly (never skips) when Chromium is missing, saying how to get it. */
export function assertChromiumInstalled(): void {
  const path = chromiumPath();
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. The end-to-end tests need a real Chromium: ` +
        'install it (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM_PATH to its executable.',
    );
  }
}

/** Headless flags for a closed network: no background calls home, no first-run UI. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchChromium(): Promise<Browser> {
  assertChromiumInstalled();
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

/** One Chromium for a test file: launched before its tests, closed after. Read `.browser` inside tests. */
export function chromiumForThisFile(hooks: { beforeAll: (fn: () => Promise<void>, timeout?: number) => void; afterAll: (fn: () => Promise<void>) => void }): { browser: Browser } {
  const holder = {} as { browser: Browser };
  hooks.beforeAll(async () => {
    holder.browser = await launchChromium();
  });
  hooks.afterAll(async () => {
    await holder.browser?.close();
  });
  return holder;
}
