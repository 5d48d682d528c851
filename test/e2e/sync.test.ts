import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { chromiumForThisFile } from './chromium';
import { createPatron, openPatronWhenSynced, openSharedDesk, syncStatus } from './deskPage';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
const chromium = chromiumForThisFile({ beforeAll, afterAll });

describe('two desks sharing a server', () => {
  it('a note jotted on desk A shows on desk B without a reload (poke, then pull)', async () => {
    const a = await openSharedDesk(chromium.browser, baseUrl, accounts.desk);
    const b = await openSharedDesk(chromium.browser, baseUrl, accounts.admin, 'Reference desk');
    try {
      await createPatron(a.page, { firstName: 'Sybil', lastName: 'Shared', cardNumber: '31000001' });

      // B finds the patron A just created, then watches their page while A writes.
      await openPatronWhenSynced(b.page, 'Sybil', 'Sybil Shared');

      await a.page.getByLabel('New note').fill('Asked for the Hardy letters');
      await a.page.getByLabel('New note').press('Enter');
      // No reload, and within the 2 s: only the live poke is that fast (the fallback poll
      // runs once a minute). The typical figure is bench:latency's (p50 61 ms, bench/RESULTS.md §11).
      await b.page.getByRole('list', { name: 'Notes and follow-ups, newest first' }).getByText('Asked for the Hardy letters').waitFor({ timeout: 2_000 });
      await b.page.getByRole('list', { name: 'Notes and follow-ups, newest first' }).getByText(/Dana Desk at Front desk/).waitFor();
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  it('a desk that was offline sends what it wrote when the network returns', async () => {
    const a = await openSharedDesk(chromium.browser, baseUrl, accounts.desk);
    const b = await openSharedDesk(chromium.browser, baseUrl, accounts.admin, 'Reference desk');
    try {
      await createPatron(a.page, { firstName: 'Otto', lastName: 'Offline', cardNumber: '31000002' });
      await openPatronWhenSynced(b.page, 'Otto', 'Otto Offline');

      await a.context.setOffline(true);
      await syncStatus(a.page).getByText(/^Offline/).waitFor();
      await a.page.getByLabel('New note').fill('Written with the network down');
      await a.page.getByLabel('New note').press('Enter');
      await syncStatus(a.page).getByText(/changes? waiting/).waitFor({ timeout: 5_000 });
      await a.page.waitForTimeout(1500);
      const early = await b.page.getByRole('list', { name: 'Notes and follow-ups, newest first' }).getByText('Written with the network down').count();
      if (early !== 0) throw new Error('desk B saw the note while desk A was offline');

      await a.context.setOffline(false);
      await b.page.getByRole('list', { name: 'Notes and follow-ups, newest first' }).getByText('Written with the network down').waitFor({ timeout: 30_000 });
      await syncStatus(a.page).getByText(/All changes sent/).waitFor({ timeout: 30_000 });
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  it('both desks edit one patron while B is offline (different fields and the same one): both end with the same, latest values', async () => {
    const a = await openSharedDesk(chromium.browser, baseUrl, accounts.desk);
    const b = await openSharedDesk(chromium.browser, baseUrl, accounts.admin, 'Reference desk');
    try {
      await createPatron(a.page, { firstName: 'Cora', lastName: 'Conflict', cardNumber: '31000003' });
      await openPatronWhenSynced(b.page, 'Cora', 'Cora Conflict');

      await b.context.setOffline(true);
      await syncStatus(b.page).getByText(/^Offline/).waitFor();

      async function edit(page: typeof a.page, values: Record<string, string>) {
        await page.getByRole('link', { name: 'Edit details' }).click();
        for (const [label, value] of Object.entries(values)) await page.getByLabel(label, { exact: true }).fill(value);
        await page.getByRole('button', { name: 'Save changes' }).click();
        await page.getByRole('heading', { level: 1, name: 'Cora Conflict' }).waitFor();
      }
      await edit(a.page, { Pronouns: 'she/her', Language: 'French' });
      await syncStatus(a.page).getByText(/All changes sent/).waitFor({ timeout: 30_000 });
      // B edits later than A: its language wins; A's pronouns and B's card number both stay.
      await edit(b.page, { Language: 'Welsh', 'Card number': '31000099' });

      await b.context.setOffline(false);
      const agreed = 'Card 31000099 · she/her · Speaks Welsh';
      await a.page.getByText(agreed, { exact: true }).waitFor({ timeout: 15_000 });
      await b.page.getByText(agreed, { exact: true }).waitFor({ timeout: 15_000 });
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });
});
