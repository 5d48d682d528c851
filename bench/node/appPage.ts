import type { BrowserContext, Page } from 'playwright-core';
import { SESSION_KEY, SESSION_VALUE } from '../shared/constants';

/**
 * An init script setting the persisted session before the app's scripts run, so the app
 * opens on its shell instead of "who is at the desk". Plain text: tsx-compiled functions
 * cannot be shipped to the page.
 */
export function sessionInitScript(extra = ''): string {
  return `try { if (location.protocol.startsWith('http')) localStorage.setItem(${JSON.stringify(SESSION_KEY)}, ${JSON.stringify(SESSION_VALUE)}); } catch {}\n${extra}`;
}

/** Opens the real app (dist/web) with a staff member at the desk and waits for its search box. */
export async function openApp(context: BrowserContext, origin: string): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript({ content: sessionInitScript() });
  await page.goto(`${origin}/`);
  try {
    await page.getByRole('combobox', { name: 'Find a patron' }).waitFor({ timeout: 60_000 });
  } catch {
    const shown = await page.evaluate(() => document.body.innerText.slice(0, 200)).catch(() => '?');
    throw new Error(`The app showed no search box within 60 s; it shows: "${shown}"`);
  }
  return page;
}
