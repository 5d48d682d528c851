import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { EMPTY_CONTACT_PREFERENCES } from '@shared/domain/contactPreferences';
import type { Patron } from '@shared/domain/patron';
import { patronSearchTerms } from '@shared/search/searchKeys';
import type { DeskServices } from '../../app/deskContext';
import { deskServices, renderWithDesk, UI_TEST, writeContextOf } from '../../test/renderDesk';
import { stampOf } from '../../db/writeContext';
import { WeMissYouPage } from './WeMissYouPage';

/** `count` patrons last in contact 800 days ago, ids p0…, names P000 Lapsed…, oldest first by name. */
function lapsed(services: DeskServices, count: number): Patron[] {
  const stamp = { ...stampOf(writeContextOf(services)), at: services.now() - 800 * 86_400_000 };
  return Array.from({ length: count }, (_, i) => {
    const details = { title: '', firstName: `P${String(i).padStart(3, '0')}`, lastName: 'Lapsed', cardNumber: '', phones: [{ label: 'mobile' as const, number: '020 7946 0001' }], emails: [], address: '', pronouns: '', language: '', howWeMet: '' };
    // One ms apart, so the list order (oldest contact first) is the numbering.
    const at = { ...stamp, at: stamp.at + i };
    return { ...details, id: `p${i}`, branchId: 'local', contact: EMPTY_CONTACT_PREFERENCES, flags: [], interests: [], stageHistory: [], created: at, updated: at, lastContactAt: at.at, terms: patronSearchTerms(details) };
  });
}

/** Reading and rendering hundreds of rows in jsdom on a busy two-core machine can take seconds. */
const SLOW_DOM = { timeout: 10_000 };

describe('WeMissYouPage with a long list', UI_TEST, () => {
  it('shows 200 rows at a time, in order, and counts all of them', async () => {
    const services = await deskServices();
    await services.db.patrons.bulkAdd(lapsed(services, 450));

    const user = userEvent.setup();
    renderWithDesk(<WeMissYouPage />, services);
    await user.click(await screen.findByRole('button', { name: 'Find patrons' }));
    const campaign = await screen.findByRole('region', { name: 'Campaign' });
    expect(await within(campaign).findByText(/450 patrons with no contact/, {}, SLOW_DOM)).toHaveTextContent('450 ticked');
    const list = within(campaign).getByRole('list', { name: 'Patrons to contact' });
    expect(within(list).getAllByRole('checkbox')).toHaveLength(200);

    await user.click(within(campaign).getByRole('button', { name: /^Show 200 more/ }));
    // Wait with a cheap text query: a role query over hundreds of rows, polled, starves IndexedDB.
    await within(campaign).findByText(/^Show 50 more/, {}, SLOW_DOM);
    const boxes = within(list).getAllByRole('checkbox');
    expect(boxes).toHaveLength(400);
    expect(boxes[200]).toHaveAccessibleName(/^P200 Lapsed/);
    await user.click(within(campaign).getByRole('button', { name: /^Show 50 more/ }));
    await waitFor(() => expect(within(campaign).queryByText(/more \(of/)).not.toBeInTheDocument(), SLOW_DOM);
    expect(within(list).getAllByRole('checkbox')).toHaveLength(450);
    expect(within(campaign).getByRole('button', { name: 'Create 450 follow-ups' })).toBeEnabled();
  });

  it('creates follow-ups for everyone ticked, including rows never shown, and not the unticked', async () => {
    const services = await deskServices();
    await services.db.patrons.bulkAdd(lapsed(services, 250));

    const user = userEvent.setup();
    renderWithDesk(<WeMissYouPage />, services);
    await user.click(await screen.findByRole('button', { name: 'Find patrons' }));
    const campaign = await screen.findByRole('region', { name: 'Campaign' });
    const list = within(campaign).getByRole('list', { name: 'Patrons to contact' });
    await within(campaign).findByText(/250 patrons with no contact/, {}, SLOW_DOM);
    await user.click(within(list).getByRole('checkbox', { name: /^P007 Lapsed/ }));
    expect(within(campaign).getByRole('status')).toHaveTextContent('250 patrons with no contact for 12 months (do-not-contact left out); 249 ticked.');
    await user.click(within(campaign).getByRole('button', { name: 'Create 249 follow-ups' }));

    await waitFor(() => expect(window.location.hash).toBe('#/reminders'));
    const ids = new Set((await services.db.followUps.toArray()).map((f) => f.patronId));
    expect(ids.size).toBe(249);
    expect(ids.has('p7')).toBe(false);
    expect(ids.has('p249')).toBe(true);
  });
});
