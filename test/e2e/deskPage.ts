import type { Browser, BrowserContext, Page } from 'playwright-core';

/** A fresh desk: its own browser context (own IndexedDB and storage), signed in as `staff`. */
export async function openDesk(browser: Browser, baseUrl: string, staff: string, deskName = 'Front desk'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(baseUrl);
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
  await page.getByRole('heading', { level: 1, name: new RegExp(`${p.firstName} ${p.lastName}`) }).waitFor();
}

/** Types into the header search box the way staff do: Ctrl+K, then the query. */
export async function search(page: Page, query: string): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.keyboard.type(query);
}
