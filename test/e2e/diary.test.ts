import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumForThisFile } from './chromium';
import { createPatron, openDesk, search } from './deskPage';

const baseUrl = inject('baseUrl');
const chromium = chromiumForThisFile({ beforeAll, afterAll });

async function optionNames(page: Page): Promise<string[]> {
  const listbox = page.getByRole('listbox', { name: 'Matching patrons' });
  await listbox.waitFor();
  return listbox.getByRole('option').allInnerTexts();
}

describe('desk diary in Chromium', () => {
  it('keeps a patron, contact preferences, a flag, an alert and a note across a reload, and shows the alert on open', async () => {
    const { context, page } = await openDesk(chromium.browser, baseUrl, 'Anna');
    await createPatron(page, { title: 'Prof.', firstName: 'Yvonne', lastName: 'Yates', cardNumber: '21000001', phone: '020 7946 0001', email: 'y.yates@uni.example' });

    const contact = page.getByRole('region', { name: 'How to contact' });
    await contact.getByRole('button', { name: 'Edit preferences' }).click();
    const prefs = page.getByRole('form', { name: 'Contact preferences' });
    await prefs.getByRole('checkbox', { name: 'Phone' }).check();
    await prefs.getByRole('checkbox', { name: 'Letter' }).check();
    // Letter is fourth of five; three moves up put it first, ahead of Phone.
    for (let i = 0; i < 3; i++) await prefs.getByRole('button', { name: 'Move Letter up' }).click();
    await prefs.getByRole('button', { name: 'Add time window' }).click();
    await prefs.getByLabel('From (window 1)').fill('10:00');
    await prefs.getByLabel('To (window 1)').fill('12:00');
    await prefs.getByRole('button', { name: 'Save preferences' }).click();

    await contact.getByRole('button', { name: 'Add flag' }).click();
    const flagForm = page.getByRole('form', { name: 'Add flag' });
    await flagForm.getByLabel('Flag').selectOption({ label: 'Never email' });
    await flagForm.getByRole('button', { name: 'Save flag' }).click();
    await flagForm.getByText('Say why: "Never email" needs a reason').waitFor();
    await flagForm.getByLabel('Reason (required)').fill("doesn't read it");
    await flagForm.getByRole('button', { name: 'Save flag' }).click();

    await page.getByLabel('New note').fill('Book due back Friday: phone her');
    await page.getByLabel('New note').press('Enter');
    await page.getByLabel('New note').fill('Owes £2.40 for a lost ticket');
    await page.getByRole('checkbox', { name: /^Alert/ }).check();
    await page.getByRole('button', { name: 'Add alert' }).click();
    await page.getByRole('region', { name: 'Alerts' }).getByText('Owes £2.40 for a lost ticket').waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Prof. Yvonne Yates' }).waitFor();
    const alerts = page.getByRole('region', { name: 'Alerts' });
    expect(await alerts.innerText()).toContain('Owes £2.40 for a lost ticket');
    expect(await page.getByRole('list', { name: 'Preferred channels' }).getByRole('listitem').allInnerTexts()).toEqual(['Letter', 'Phone']);
    expect(await page.getByRole('list', { name: 'Best times to call' }).innerText()).toContain('Mon–Fri 10:00–12:00');
    const flags = await page.getByRole('list', { name: 'Active flags' }).innerText();
    expect(flags).toContain('Never email');
    expect(flags).toContain("doesn't read it");
    expect(flags).toContain('Anna at Front desk');
    const timeline = await page.getByRole('list', { name: 'Notes and follow-ups, newest first' }).innerText();
    expect(timeline).toContain('Book due back Friday: phone her');
    expect(timeline).toContain('Anna at Front desk');

    // Opening the patron afresh (home, then search) shows the alert at once.
    await page.getByRole('link', { name: 'Desk Diary' }).click();
    await search(page, 'yates');
    await page.getByRole('option', { name: /Yvonne Yates/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Alerts' }).getByText('Owes £2.40 for a lost ticket').waitFor();
    await context.close();
  });

  it('finds patrons as you type, ignoring accents and case, by name, phone and email', async () => {
    const { context, page } = await openDesk(chromium.browser, baseUrl, 'Ben');
    await createPatron(page, { firstName: 'José', lastName: 'Núñez', phone: '+44 20 7946 0958', email: 'jose.nunez@example.org' });
    await createPatron(page, { firstName: 'Greta', lastName: 'Müller' });
    await createPatron(page, { firstName: 'Joseph', lastName: 'Smith' });

    await search(page, 'jose');
    // The listbox can be on screen a frame before its first results are.
    await expect.poll(() => optionNames(page)).toEqual(expect.arrayContaining([expect.stringContaining('José Núñez'), expect.stringContaining('Joseph Smith')]));
    await page.keyboard.type(' nu');
    await expect.poll(() => optionNames(page)).toEqual([expect.stringContaining('José Núñez')]);

    await page.getByRole('combobox', { name: 'Find a patron' }).fill('MULLER');
    await expect.poll(() => optionNames(page)).toEqual([expect.stringContaining('Greta Müller')]);
    // Stored as +44 20…, found by the national form staff type.
    await page.getByRole('combobox', { name: 'Find a patron' }).fill('020 7946');
    await expect.poll(() => optionNames(page)).toEqual([expect.stringContaining('José Núñez')]);
    await page.getByRole('combobox', { name: 'Find a patron' }).fill('4420 7946');
    await expect.poll(() => optionNames(page)).toEqual([expect.stringContaining('José Núñez')]);
    await page.getByRole('combobox', { name: 'Find a patron' }).fill('jose.nunez@ex');
    await expect.poll(() => optionNames(page)).toEqual([expect.stringContaining('José Núñez')]);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'José Núñez' }).waitFor();
    await context.close();
  });

  it('opens the card holder directly when a card number is scanned (digits + Enter)', async () => {
    const { context, page } = await openDesk(chromium.browser, baseUrl, 'Cleo');
    await createPatron(page, { firstName: 'Ada', lastName: 'Lovelace', cardNumber: '29384756' });
    await createPatron(page, { firstName: 'Alan', lastName: 'Turing', cardNumber: '29384757' });
    await page.getByRole('link', { name: 'Desk Diary' }).click();
    await page.getByRole('heading', { level: 1, name: 'Desk Diary' }).waitFor();
    // A scanner types fast and ends with Enter, before any type-ahead has rendered.
    await page.keyboard.press('Control+k');
    await page.keyboard.insertText('29384756');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Find a patron' }).inputValue()).toBe('');
    await context.close();
  });

  it('refuses an invalid email with a message beside it and leaves the stored patron unchanged', async () => {
    const { context, page } = await openDesk(chromium.browser, baseUrl, 'Dev');
    await createPatron(page, { firstName: 'Maria', lastName: 'Silva', email: 'maria@example.org' });
    await page.getByRole('link', { name: 'Edit details' }).click();
    await page.getByLabel('Last name').fill('Silva-Santos');
    await page.getByLabel('Email 1', { exact: true }).fill('maria@@example');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const email = page.getByLabel('Email 1', { exact: true });
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await email.getAttribute('aria-describedby')) ?? '';
    const message = await page.locator(`[id="${describedBy.split(' ').pop()}"]`).innerText();
    expect(message).toMatch(/Not a valid email address/);
    await page.getByRole('alert').filter({ hasText: 'Not saved' }).waitFor();

    await page.reload();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Maria Silva' }).waitFor();
    expect(await page.getByRole('list', { name: 'Phone numbers and emails' }).innerText()).toContain('maria@example.org');
    await context.close();
  });

  it('hands the desk to a colleague in two clicks and stamps their name on new notes', async () => {
    const { context, page } = await openDesk(chromium.browser, baseUrl, 'Eve');
    await page.getByRole('button', { name: 'Staff: Eve' }).click();
    await page.getByRole('menuitem', { name: 'Someone else…' }).click();
    await page.getByLabel('Someone else: your name').fill('Femi');
    await page.getByRole('button', { name: 'Start' }).click();
    await createPatron(page, { firstName: 'Olu', lastName: 'Ade' });
    await page.getByRole('button', { name: 'Staff: Femi' }).click();
    await page.getByRole('menuitem', { name: 'Eve' }).click();
    await page.getByRole('button', { name: 'Staff: Eve' }).waitFor();
    await page.getByLabel('New note').fill('Asked about the jazz archive');
    await page.getByLabel('New note').press('Enter');
    const note = page.getByRole('listitem', { name: 'Note by Eve' });
    expect(await note.innerText()).toContain('Eve at Front desk');
    expect(await page.getByRole('region', { name: 'Details' }).innerText()).toContain('Femi at Front desk');
    await context.close();
  });
});
