import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { readKnownStaff } from '../db/deskMeta';
import { arrangePatron, deskServices, UI_TEST } from '../test/renderDesk';
import { App } from './App';
import type { DeskServices } from './deskContext';

let services: DeskServices;
beforeEach(async () => {
  services = await deskServices();
  services.store.getState().setStaff(null);
});

describe('App', UI_TEST, () => {
  it('offers log in, or local mode: asks who is at the desk, then shows the diary with its search box', async () => {
    const user = userEvent.setup();
    render(<App services={services} />);
    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Use this desk without an account (nothing is shared)' }));
    expect(await screen.findByRole('heading', { name: 'Who is at the desk?' })).toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Find a patron' })).not.toBeInTheDocument();

    await user.type(screen.getByLabelText('Your name'), 'Anna');
    await user.click(screen.getByRole('button', { name: 'Start' }));

    expect(await screen.findByRole('combobox', { name: 'Find a patron' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Who is at the desk?' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Staff: Anna' })).toBeInTheDocument();
    expect(await readKnownStaff(services.db)).toEqual(['Anna']);
  });

  it('goes from search to the patron\'s page and back to the home screen', async () => {
    const user = userEvent.setup();
    const ada = await arrangePatron(services, { cardNumber: 'AB123' });
    services.store.getState().setStaff('Anna');
    render(<App services={services} />);
    await screen.findByRole('heading', { name: 'Desk Diary' });

    await user.type(screen.getByRole('combobox', { name: 'Find a patron' }), 'AB123{Enter}');
    expect(await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeInTheDocument();
    expect(window.location.hash).toBe(`#/patrons/${ada.id}`);

    await user.click(screen.getByRole('link', { name: 'Desk Diary' }));
    const recent = await screen.findByRole('list', { name: 'Recently opened patrons' });
    expect(recent).toHaveTextContent('Ada Lovelace · Card AB123');
  });
});
