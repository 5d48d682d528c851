import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { chromiumForThisFile } from './chromium';
import { createPatron, openDesk } from './deskPage';

const baseUrl = inject('baseUrl');
const chromium = chromiumForThisFile({ beforeAll, afterAll });

/** Records every Web Notification the page shows, so the test can see the OS popup was asked for. */
async function spyOnNotifications(context: BrowserContext): Promise<void> {
  await context.grantPermissions(['notifications'], { origin: baseUrl });
  await context.addInitScript(() => {
    const Real = window.Notification;
    const shown: { title: string; body?: string; tag?: string }[] = [];
    (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
    class Spy extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body, tag: options?.tag });
      }
    }
    window.Notification = Spy as unknown as typeof Notification;
  });
}

function shownNotifications(page: Page) {
  return page.evaluate(() => (window as unknown as { shownNotifications: { title: string; body?: string }[] }).shownNotifications);
}

describe('follow-ups in Chromium', () => {
  it('pops up a due follow-up (Web Notification + toast), logs "no answer", then "done — reached" shows in the timeline', async () => {
    const { context, page } = await openDesk(chromium.browser, baseUrl, 'Anna');
    await spyOnNotifications(context);
    await page.clock.install();
    await page.reload();
    await createPatron(page, { title: 'Prof.', firstName: 'Yvonne', lastName: 'Yates', phone: '020 7946 0001' });

    const panel = page.getByRole('region', { name: 'Follow-ups' });
    await panel.getByRole('button', { name: 'New follow-up' }).click();
    const form = page.getByRole('form', { name: 'New follow-up' });
    await form.getByLabel('Reason', { exact: true }).fill('Book due back Friday');
    await form.getByLabel('When', { exact: true }).fill('in 1 min');
    await form.getByRole('button', { name: 'Create follow-up' }).click();
    await panel.getByText('Book due back Friday').waitFor();
    expect(await shownNotifications(page)).toEqual([]);

    await page.clock.fastForward(61_000);
    const toasts = page.getByRole('complementary', { name: 'Due reminders' });
    await toasts.getByText('Phone Prof. Yvonne Yates').waitFor();
    expect(await toasts.innerText()).toContain('020 7946 0001');
    await expect.poll(() => shownNotifications(page)).toEqual([
      expect.objectContaining({ title: 'Phone Prof. Yvonne Yates', body: expect.stringContaining('Book due back Friday') }),
    ]);

    await toasts.getByRole('button', { name: 'No answer, try tomorrow' }).click();
    await toasts.waitFor({ state: 'detached' });
    const timeline = page.getByRole('list', { name: 'Notes and follow-ups, newest first' });
    const attempt = timeline.getByRole('listitem', { name: 'Follow-up attempted by Anna' });
    expect(await attempt.innerText()).toMatch(/No answer, try again/);

    await panel.getByRole('link', { name: 'Book due back Friday' }).click();
    await page.getByRole('heading', { name: 'Follow-up' }).waitFor();
    await page.getByRole('button', { name: 'Done — Reached' }).click();
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    await page.getByRole('link', { name: 'Prof. Yvonne Yates' }).click();
    // The outcome is in the patron's timeline, newest first; the panel keeps only open ones.
    const done = timeline.getByRole('listitem', { name: 'Follow-up done by Anna' });
    expect(await done.innerText()).toMatch(/Follow-up done: Reached[\s\S]*Book due back Friday[\s\S]*Anna at Front desk/);
    expect(await timeline.getByRole('listitem').first().getAttribute('aria-label')).toBe('Follow-up done by Anna');
    await page.getByRole('region', { name: 'Follow-ups' }).getByText('Nothing open.').waitFor();
    await context.close();
  });

  it('"it has arrived" creates one follow-up per requester through each one\'s preferred channel', async () => {
    const { context, page } = await openDesk(chromium.browser, baseUrl, 'Ben');
    const resource = 'Journal of Desk Studies (trial)';

    await createPatron(page, { firstName: 'Priya', lastName: 'Shah', email: 'priya@uni.example', phone: '020 7946 1111' });
    await setFirstChannel(page, 'Email');
    await addRequest(page, resource);
    await createPatron(page, { firstName: 'Tom', lastName: 'Okafor', email: 'tom@uni.example', phone: '020 7946 2222' });
    await setFirstChannel(page, 'Phone');
    await addRequest(page, resource);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Reminders/ }).click();
    await page.getByRole('link', { name: 'It has arrived…' }).click();
    await page.getByLabel('Resource title or identifier').fill('desk studies');
    await page.getByRole('button', { name: `${resource} — 2 waiting` }).click();
    const requesters = await page.getByRole('list', { name: 'Requesters' }).innerText();
    expect(requesters).toContain('Priya Shah');
    expect(requesters).toContain('Email: priya@uni.example');
    expect(requesters).toContain('Phone: 020 7946 2222');
    await page.getByRole('button', { name: 'Mark arrived and create 2 follow-ups' }).click();

    await page.getByRole('heading', { name: 'Reminder centre' }).waitFor();
    const today = page.getByRole('region', { name: 'Due today' });
    await today.getByText('Priya Shah').waitFor();
    const text = await today.innerText();
    expect(text).toContain('Email: priya@uni.example');
    expect(text).toContain('Phone: 020 7946 2222');
    expect(text).toMatch(/has arrived/);
    await context.close();
  });
});

async function setFirstChannel(page: Page, channel: 'Email' | 'Phone'): Promise<void> {
  await page.getByRole('button', { name: 'Edit preferences' }).click();
  const prefs = page.getByRole('form', { name: 'Contact preferences' });
  await prefs.getByRole('checkbox', { name: channel }).check();
  if (channel === 'Email') await prefs.getByRole('button', { name: 'Move Email up' }).click();
  await prefs.getByRole('button', { name: 'Save preferences' }).click();
  await page.getByRole('list', { name: 'Preferred channels' }).getByText(channel).waitFor();
}

async function addRequest(page: Page, resource: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Add request' });
  await form.getByLabel('Asked for').fill(resource);
  await form.getByRole('button', { name: 'Add request' }).click();
  await page.getByRole('list', { name: 'Requests' }).getByText(resource).waitFor();
}
