import type { Browser, BrowserContext, Page } from 'playwright-core';

/** A fresh desk in local mode (no account, nothing shared): its own browser context (own IndexedDB and storage), signed in as `staff`. */
export async function openDesk(browser: Browser, baseUrl: string, staff: string, deskName = 'Front desk'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.getByRole('button', { name: 'Use this desk without an account (nothing is shared)' }).click();
  await page.getByLabel('Your name').fill(staff);
  await page.getByLabel("This desk's name").fill(deskName);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('search').waitFor();
  return { context, page };
}

export interface NewPatron {
  title?: string;
  firstName: string;
  lastName: string;
  cardNumber?: string;
  phone?: string;
  email?: string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Creates a patron through the form and waits for their page. */
export async function createPatron(page: Page, p: NewPatron): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New patron' }).click();
  if (p.title) await page.getByLabel('Title').fill(p.title);
  await page.getByLabel('First name').fill(p.firstName);
  await page.getByLabel('Last name').fill(p.lastName);
  if (p.cardNumber) await page.getByLabel('Card number').fill(p.cardNumber);
  if (p.phone) {
    await page.getByRole('button', { name: 'Add phone' }).click();
    await page.getByLabel('Phone 1', { exact: true }).fill(p.phone);
  }
  if (p.email) {
    await page.getByRole('button', { name: 'Add email' }).click();
    await page.getByLabel('Email 1', { exact: true }).fill(p.email);
  }
  await page.getByRole('button', { name: 'Create patron' }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(escapeRegExp(`${p.firstName} ${p.lastName}`)) }).waitFor();
}

/** Types into the header search box the way staff do: Ctrl+K, then the query. */
export async function search(page: Page, query: string): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.keyboard.type(query);
}

/** A fresh desk that logs in to the server it was served from, and waits for its first sync. */
export async function openSharedDesk(browser: Browser, baseUrl: string, account: { username: string; password: string; displayName: string }, deskName = 'Front desk'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.getByLabel("This desk's name").fill(deskName);
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('search').waitFor();
  await page.getByRole('button', { name: `Staff: ${account.displayName}` }).waitFor();
  await syncStatus(page).getByText(/^Online · .* · Last synced/).waitFor({ timeout: 20_000 });
  return { context, page };
}

/** The header's live sync status line. */
export function syncStatus(page: Page) {
  return page.getByRole('region', { name: 'Sync' }).getByRole('status');
}

/**
 * Opens a patron by search once this desk has them: search results are a snapshot of the
 * moment of typing, so the query is typed again until the (synced) patron is listed.
 */
export async function openPatronWhenSynced(page: Page, query: string, name: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const option = page.getByRole('listbox', { name: 'Matching patrons' }).getByRole('option', { name: new RegExp(name) });
  for (;;) {
    await page.keyboard.press('Control+k');
    await page.keyboard.press('Control+a');
    await page.keyboard.type(query);
    try {
      await option.waitFor({ timeout: 1000 });
      break;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
  }
  await option.click();
  try {
    await page.getByRole('heading', { level: 1, name }).waitFor({ timeout: 5000 });
  } catch (err) {
    throw new Error(`${name}'s page did not open from the search (at ${page.url()}): ${(await page.locator('body').innerText()).slice(0, 1000)}`, { cause: err });
  }
}
