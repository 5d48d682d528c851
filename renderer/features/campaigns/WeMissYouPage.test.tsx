import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskServices } from '../../app/deskContext';
import { ToastRegion } from '../../app/Toast';
import { addFlag, createPatron } from '../../db/patronsRepo';
import { arrangePatron, deskServices, patronDetails, renderWithDesk, UI_TEST, writeContextAt, writeContextOf } from '../../test/renderDesk';
import { WeMissYouPage } from './WeMissYouPage';

const DAY = 86_400_000;
let services: DeskServices;

beforeEach(async () => {
  services = await deskServices();
});

/** A patron last in contact `days` ago (recorded then, nothing since). */
const lastSeen = (days: number, firstName: string, lastName = 'Old') =>
  createPatron(services.db, writeContextAt(services, -days * DAY), patronDetails({ firstName, lastName, phones: [{ label: 'mobile', number: '020 7946 0001' }] }));

async function renderPage() {
  const user = userEvent.setup();
  renderWithDesk(<><WeMissYouPage /><ToastRegion /></>, services);
  await screen.findByRole('heading', { level: 1, name: 'We miss you' });
  return user;
}

describe('WeMissYouPage', UI_TEST, () => {
  it('finds patrons not seen for N months, lets staff untick one, and creates the rest as one campaign', async () => {
    const ada = await lastSeen(400, 'Ada');
    const bea = await lastSeen(500, 'Bea');
    const cy = await lastSeen(380, 'Cy');
    await arrangePatron(services, { firstName: 'Dee', lastName: 'Recent' });
    const dnc = await lastSeen(600, 'Eve');
    await addFlag(services.db, writeContextOf(services), dnc.id, { kind: 'do-not-contact', reason: 'Asked us to stop' });

    const user = await renderPage();
    await user.click(screen.getByRole('button', { name: 'Find patrons' }));
    const campaign = await screen.findByRole('region', { name: 'Campaign' });
    expect(await within(campaign).findByText(/3 patrons with no contact for 12 months/)).toHaveTextContent('3 ticked');
    const list = within(campaign).getByRole('list', { name: 'Patrons to contact' });
    expect(within(list).getAllByRole('checkbox').map((c) => c.closest('label')?.textContent?.split(' — ')[0])).toEqual(['Bea Old', 'Ada Old', 'Cy Old']);
    expect(within(list).queryByText(/Eve|Dee/)).not.toBeInTheDocument();

    await user.click(within(list).getByRole('checkbox', { name: /^Ada Old/ }));
    expect(within(list).getByRole('checkbox', { name: /^Ada Old/ })).not.toBeChecked();
    expect(within(campaign).getByRole('status')).toHaveTextContent('2 ticked');
    await user.click(within(campaign).getByRole('button', { name: 'Create 2 follow-ups' }));

    await waitFor(() => expect(window.location.hash).toBe('#/reminders'));
    expect(await screen.findByText('Created 2 follow-ups.')).toBeInTheDocument();
    const followUps = await services.db.followUps.toArray();
    expect(followUps.map((f) => f.patronId).sort()).toEqual([bea.id, cy.id].sort());
    const [first, second] = followUps;
    expect(first?.source).toEqual({ kind: 'campaign', campaignId: expect.any(String), name: 'We miss you — Nov 2026' });
    expect(second?.source).toEqual(first?.source);
    expect(first).toMatchObject({ reason: 'We miss you — Nov 2026', channel: 'phone', assignee: { kind: 'queue' } });
    expect(first?.message).toMatch(/haven't seen you for a while/);
    expect(followUps.some((f) => f.patronId === ada.id)).toBe(false);
  });

  it('searching again replaces the list and ticks everyone again', async () => {
    await lastSeen(400, 'Ada');
    await lastSeen(500, 'Bea');
    const user = await renderPage();
    const months = screen.getByLabelText('No contact for (months)');
    await user.click(screen.getByRole('button', { name: 'Find patrons' }));
    const campaign = await screen.findByRole('region', { name: 'Campaign' });
    await within(campaign).findByText(/^2 patrons with no contact for 12 months/);
    await user.click(within(campaign).getByRole('checkbox', { name: /^Ada Old/ }));
    expect(within(campaign).getByRole('status')).toHaveTextContent('1 ticked');

    await user.clear(months);
    await user.type(months, '15');
    await user.click(screen.getByRole('button', { name: 'Find patrons' }));
    expect(await within(campaign).findByText(/^1 patrons with no contact for 15 months/)).toHaveTextContent('1 ticked');
    expect(within(campaign).getAllByRole('checkbox').map((c) => c.closest('label')?.textContent?.split(' — ')[0])).toEqual(['Bea Old']);

    await user.clear(months);
    await user.type(months, '12');
    await user.click(screen.getByRole('button', { name: 'Find patrons' }));
    expect(await within(campaign).findByText(/^2 patrons with no contact for 12 months/)).toHaveTextContent('2 ticked');
    expect(within(campaign).getByRole('checkbox', { name: /^Ada Old/ })).toBeChecked();
  });

  it('finds nobody when everyone was in contact recently, and offers nothing to create', async () => {
    await lastSeen(30, 'Ada');
    const user = await renderPage();
    await user.click(screen.getByRole('button', { name: 'Find patrons' }));
    const campaign = await screen.findByRole('region', { name: 'Campaign' });
    expect(await within(campaign).findByText(/^0 patrons with no contact for 12 months/)).toBeInTheDocument();
    expect(within(campaign).getByRole('button', { name: 'Create 0 follow-ups' })).toBeDisabled();
  });

  it('refuses a number of months that is not a whole number from 1 to 120', async () => {
    const user = await renderPage();
    const months = screen.getByLabelText('No contact for (months)');
    await user.clear(months);
    await user.type(months, '0');
    // The browser's own check (min 1) stops the search first…
    await user.click(screen.getByRole('button', { name: 'Find patrons' }));
    expect(months).toBeInvalid();
    // …and the page's check answers if the form is submitted anyway.
    fireEvent.submit(screen.getByRole('form', { name: 'Find patrons not seen' }));
    await waitFor(() => expect(months).toHaveAccessibleDescription(expect.stringContaining('Months must be a whole number from 1 to 120')));
    expect(screen.queryByRole('region', { name: 'Campaign' })).not.toBeInTheDocument();
  });
});
