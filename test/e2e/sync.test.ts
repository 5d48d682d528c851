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
      await b.page.getByRole('list', { name: 'Notes, newest first' }).getByText('Asked for the Hardy letters').waitFor({ timeout: 5_000 });
      await b.page.getByRole('list', { name: 'Notes, newest first' }).getByText(/Dana Desk at Front desk/).waitFor();
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
      const early = await b.page.getByRole('list', { name: 'Notes, newest first' }).getByText('Written with the network down').count();
      if (early !== 0) throw new Error('desk B saw the note while desk A was offline');

      await a.context.setOffline(false);
      await b.page.getByRole('list', { name: 'Notes, newest first' }).getByText('Written with the network down').waitFor({ timeout: 15_000 });
      await syncStatus(a.page).getByText(/All changes sent/).waitFor({ timeout: 10_000 });
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });
});
