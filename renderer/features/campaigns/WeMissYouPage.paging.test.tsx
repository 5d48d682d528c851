import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { EMPTY_CONTACT_PREFERENCES } from '@shared/domain/contactPreferences';
import type { Patron } from '@shared/domain/patron';
import { patronSearchTerms } from '@shared/search/searchKeys';
import { deskServices, renderWithDesk, UI_TEST, writeContextOf } from '../../test/renderDesk';
import { stampOf } from '../../db/writeContext';
import { WeMissYouPage } from './WeMissYouPage';

describe('WeMissYouPage with a long list', UI_TEST, () => {
  it('shows 200 rows at a time and still counts (and creates) all of them', async () => {
    const services = await deskServices();
    const stamp = { ...stampOf(writeContextOf(services)), at: services.now() - 800 * 86_400_000 };
    const patrons: Patron[] = Array.from({ length: 450 }, (_, i) => {
      const details = { title: '', firstName: `P${String(i).padStart(3, '0')}`, lastName: 'Lapsed', cardNumber: '', phones: [{ label: 'mobile' as const, number: '020 7946 0001' }], emails: [], address: '', pronouns: '', language: '', howWeMet: '' };
      return { ...details, id: `p${i}`, branchId: 'local', contact: EMPTY_CONTACT_PREFERENCES, flags: [], interests: [], stageHistory: [], created: stamp, updated: stamp, lastContactAt: stamp.at, terms: patronSearchTerms(details) };
    });
    await services.db.patrons.bulkAdd(patrons);

    const user = userEvent.setup();
    renderWithDesk(<WeMissYouPage />, services);
    await user.click(await screen.findByRole('button', { name: 'Find patrons' }));
    const campaign = await screen.findByRole('region', { name: 'Campaign' });
    expect(within(campaign).getByText(/450 patrons with no contact/)).toHaveTextContent('450 ticked');
    const list = within(campaign).getByRole('list', { name: 'Patrons to contact' });
    expect(within(list).getAllByRole('checkbox')).toHaveLength(200);

    await user.click(within(campaign).getByRole('button', { name: /^Show 200 more/ }));
    expect(within(list).getAllByRole('checkbox')).toHaveLength(400);
    await user.click(within(campaign).getByRole('button', { name: /^Show 50 more/ }));
    expect(within(list).getAllByRole('checkbox')).toHaveLength(450);
    expect(within(campaign).queryByRole('button', { name: /more/ })).not.toBeInTheDocument();
    expect(within(campaign).getByRole('button', { name: 'Create 450 follow-ups' })).toBeEnabled();
  });
});
