import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumForThisFile } from './chromium';
import { createPatron, openSharedDesk, syncStatus } from './deskPage';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
const chromium = chromiumForThisFile({ beforeAll, afterAll });

/** A follow-up for the patron whose page is open, due now, then acted on from its own page. */
async function followUpWith(page: Page, reason: string, act: string): Promise<void> {
  const panel = page.getByRole('region', { name: 'Follow-ups' });
  await panel.getByRole('button', { name: 'New follow-up' }).click();
  const form = page.getByRole('form', { name: 'New follow-up' });
  await form.getByLabel('Reason', { exact: true }).fill(reason);
  await form.getByLabel('When', { exact: true }).fill('in 1 min');
  await form.getByRole('button', { name: 'Create follow-up' }).click();
  await panel.getByRole('link', { name: reason }).click();
  await page.getByRole('heading', { name: 'Follow-up' }).waitFor();
  await page.getByRole('button', { name: act }).click();
}

async function downloadBytes(page: Page, button: string): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return readFileSync(await download.path());
}

const downloadText = async (page: Page, button: string) => (await downloadBytes(page, button)).toString('utf8');

const bodyRows = (page: Page) => page.getByRole('table', { name: 'Follow-up log' }).locator('[role="row"]:not([aria-rowindex="1"])');

describe("managers' follow-up log in Chromium", () => {
  it('a manager filters the log, exports the selection as CSV and XLSX, and sees the totals on the dashboard', async () => {
    const desk = await openSharedDesk(chromium.browser, baseUrl, accounts.desk);
    const office = await openSharedDesk(chromium.browser, baseUrl, accounts.manager, 'Office');
    try {
      // At the desk: one patron reached by phone, one who did not answer.
      await createPatron(desk.page, { firstName: 'Zoë', lastName: 'Ünal-Løkke', phone: '020 7946 0101' });
      await followUpWith(desk.page, 'Book due, "urgent", call', 'Done — Reached');
      await desk.page.getByRole('button', { name: 'Reopen' }).waitFor();
      await createPatron(desk.page, { firstName: '=HYPERLINK("http://x")', lastName: 'Link', phone: '020 7946 0102' });
      await followUpWith(desk.page, 'Renewal', 'No answer — try again');
      await syncStatus(desk.page).getByText(/All changes sent/).waitFor({ timeout: 30_000 });

      // In the office: the log, narrowed to what was reached.
      const page = office.page;
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Follow-up log' }).click();
      await page.getByRole('heading', { level: 1, name: 'Follow-up log' }).waitFor();
      await expect.poll(() => page.getByRole('status').filter({ hasText: /entries|entry/ }).innerText(), { timeout: 15_000 }).toMatch(/^[4-9]\d* entries$/);
      await page.getByLabel('Outcome').selectOption({ label: 'Reached' });
      await page.getByText('1 entry', { exact: true }).waitFor();
      await expect.poll(() => bodyRows(page).allInnerTexts()).toEqual([expect.stringMatching(/Done[\s\S]*Reached[\s\S]*Zoë Ünal-Løkke[\s\S]*Phone[\s\S]*Dana Desk/)]);

      const reached = await downloadText(page, 'Export CSV');
      expect(reached.startsWith('\uFEFFTime (UTC),Local date and time,Entry,Outcome,')).toBe(true);
      const lines = reached.slice(1).trimEnd().split('\r\n');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,\d{4}-\d\d-\d\d \d\d:\d\d,Done,Reached,/);
      expect(lines[1]).toContain(',Zoë Ünal-Løkke,Phone,"Book due, ""urgent"", call",');

      await page.getByLabel('Outcome').selectOption({ label: 'No answer' });
      await page.getByText('1 entry', { exact: true }).waitFor();
      const noAnswer = await downloadText(page, 'Export CSV');
      // The formula-looking name arrives as text: an apostrophe first, then CSV-quoted.
      expect(noAnswer).toContain(`,"'=HYPERLINK(""http://x"") Link",Phone,Renewal,`);

      // The XLSX is built in a Web Worker (its own bundle, under the web build's CSP): the
      // download arrives, and the same entry is in it, its name a text cell.
      const workers: string[] = [];
      const refusals: string[] = [];
      page.on('worker', (worker) => workers.push(worker.url()));
      page.on('console', (message) => {
        if (/Content Security Policy|Failed to construct 'Worker'/i.test(message.text())) refusals.push(message.text());
      });
      const xlsx = await downloadBytes(page, 'Export Excel (XLSX)');
      expect(workers).toEqual([expect.stringMatching(/\/assets\/xlsxWorker-[\w-]+\.js$/)]);
      expect(refusals).toEqual([]);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength) as ArrayBuffer);
      expect(workbook.worksheets.map((w) => w.name)).toEqual(['Entries', 'Totals']);
      const entry = workbook.getWorksheet('Entries')!.getRow(2);
      expect(entry.values).toEqual(expect.arrayContaining(['=HYPERLINK("http://x") Link', 'Phone', 'Renewal', 'No answer']));
      await page.getByRole('status').filter({ hasText: /^Excel workbook: saved/ }).waitFor();

      await page.getByRole('link', { name: 'Dashboard' }).click();
      await page.getByLabel('Key figures').waitFor();
      const cells = (name: string) => page.getByRole('table', { name }).locator('tbody tr').allInnerTexts();
      await expect.poll(() => cells('Follow-ups done per week')).toEqual(expect.arrayContaining([expect.stringMatching(/\t1$/)]));
      expect(await page.getByRole('table', { name: 'Outcomes by channel' }).locator('thead th').allInnerTexts()).toEqual(['Channel', 'Reached', 'No answer']);
      expect(await cells('Outcomes by channel')).toEqual(['Phone\t1\t1']);
    } finally {
      await desk.context.close();
      await office.context.close();
    }
  });
});
