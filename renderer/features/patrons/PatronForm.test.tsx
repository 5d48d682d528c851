import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskServices } from '../../app/deskContext';
import { addFlag } from '../../db/patronsRepo';
import { arrangePatron, deskServices, renderWithDesk, UI_TEST, writeContextOf } from '../../test/renderDesk';
import { EditPatronPage, NewPatronPage } from './PatronFormPage';

let services: DeskServices;
beforeEach(async () => {
  services = await deskServices();
});

/** The control's field is invalid and its accessible description carries the message. */
function expectFieldError(label: string, message: string) {
  const control = screen.getByLabelText(label);
  expect(control).toHaveAttribute('aria-invalid', 'true');
  expect(control).toHaveAccessibleDescription(expect.stringContaining(message));
}

describe('NewPatronPage', UI_TEST, () => {
  it('shows "Enter a first or last name" beside Last name and stores nothing', async () => {
    const user = userEvent.setup();
    renderWithDesk(<NewPatronPage />, services);
    await user.type(screen.getByLabelText('Title'), 'Dr');
    await user.click(screen.getByRole('button', { name: 'Create patron' }));

    await screen.findByText('Enter a first or last name');
    expectFieldError('Last name', 'Enter a first or last name');
    expect(screen.getByLabelText('First name')).toHaveAttribute('aria-invalid', 'false');
    expect(screen.getByRole('alert')).toHaveTextContent('Not saved: one field needs attention.');
    expect(await services.db.patrons.count()).toBe(0);
    expect(window.location.hash).toBe('');
  });

  it('shows an invalid email beside Email 1 and stores nothing', async () => {
    const user = userEvent.setup();
    renderWithDesk(<NewPatronPage />, services);
    await user.type(screen.getByLabelText('First name'), 'Ada');
    await user.click(screen.getByRole('button', { name: 'Add email' }));
    await user.type(screen.getByLabelText('Email 1'), 'ada-at-example');
    await user.click(screen.getByRole('button', { name: 'Create patron' }));

    await screen.findByText(/Not a valid email address/);
    expectFieldError('Email 1', 'Not a valid email address');
    expect(screen.getByLabelText('Last name')).toHaveAttribute('aria-invalid', 'false');
    expect(await services.db.patrons.count()).toBe(0);
  });

  it('clears the error once the form is fixed and saves', async () => {
    const user = userEvent.setup();
    renderWithDesk(<NewPatronPage />, services);
    await user.click(screen.getByRole('button', { name: 'Create patron' }));
    await screen.findByText('Enter a first or last name');
    await user.type(screen.getByLabelText('Last name'), 'Lovelace');
    await user.click(screen.getByRole('button', { name: 'Create patron' }));
    await waitFor(() => expect(window.location.hash).toMatch(/^#\/patrons\/[^/]+$/));
    expect(screen.queryByText('Enter a first or last name')).not.toBeInTheDocument();
  });

  it('creates the patron and opens their page', async () => {
    const user = userEvent.setup();
    renderWithDesk(<NewPatronPage />, services);
    await user.type(screen.getByLabelText('First name'), 'Ada');
    await user.type(screen.getByLabelText('Last name'), 'Lovelace');
    await user.type(screen.getByLabelText('Card number'), 'ab 123');
    await user.click(screen.getByRole('button', { name: 'Add phone' }));
    await user.selectOptions(screen.getByLabelText('Phone 1 type'), 'home');
    await user.type(screen.getByLabelText('Phone 1'), '020 7946 0958');
    await user.click(screen.getByRole('button', { name: 'Add email' }));
    await user.type(screen.getByLabelText('Email 1'), 'Ada@Example.org');
    await user.click(screen.getByRole('button', { name: 'Create patron' }));

    await waitFor(() => expect(window.location.hash).toMatch(/^#\/patrons\//));
    const [stored] = await services.db.patrons.toArray();
    expect(window.location.hash).toBe(`#/patrons/${stored?.id}`);
    expect(stored).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      cardNumber: 'AB123',
      phones: [{ label: 'home', number: '020 7946 0958' }],
      emails: [{ label: 'personal', address: 'ada@example.org' }],
    });
    expect(stored?.created.staff).toBe('Anna');
  });
});

describe('EditPatronPage', UI_TEST, () => {
  it('fills the form from the stored patron', async () => {
    const p = await arrangePatron(services, { cardNumber: 'AB123', emails: [{ label: 'work', address: 'ada@example.org' }] });
    renderWithDesk(<EditPatronPage id={p.id} />, services);
    expect(await screen.findByLabelText('First name')).toHaveValue('Ada');
    expect(screen.getByLabelText('Card number')).toHaveValue('AB123');
    expect(screen.getByLabelText('Email 1')).toHaveValue('ada@example.org');
    expect(screen.getByLabelText('Email 1 type')).toHaveValue('work');
  });

  it('shows an invalid email and leaves the stored record unchanged', async () => {
    const user = userEvent.setup();
    const p = await arrangePatron(services, { emails: [{ label: 'personal', address: 'ada@example.org' }] });
    const before = await services.db.patrons.get(p.id);
    renderWithDesk(<EditPatronPage id={p.id} />, services);

    await user.clear(await screen.findByLabelText('First name'));
    await user.type(screen.getByLabelText('First name'), 'Augusta');
    await user.clear(screen.getByLabelText('Email 1'));
    await user.type(screen.getByLabelText('Email 1'), 'ada@');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await screen.findByText(/Not a valid email address/);
    expectFieldError('Email 1', 'Not a valid email address');
    expect(await services.db.patrons.get(p.id)).toEqual(before);
    expect(window.location.hash).toBe('');
  });

  it('names the holder when the card belongs to someone else', async () => {
    const user = userEvent.setup();
    await arrangePatron(services, { firstName: 'Carl', lastName: 'Holder', cardNumber: 'X-900' });
    const p = await arrangePatron(services, { firstName: 'Bea', lastName: 'Jones' });
    renderWithDesk(<EditPatronPage id={p.id} />, services);
    await user.type(await screen.findByLabelText('Card number'), 'x-900');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await screen.findByText('Card X-900 already belongs to Carl Holder');
    expectFieldError('Card number', 'already belongs to Carl Holder');
    expect((await services.db.patrons.get(p.id))?.cardNumber).toBe('');
  });

  it('saves the details, keeps the flags and returns to the patron', async () => {
    const user = userEvent.setup();
    const p = await arrangePatron(services);
    await addFlag(services.db, writeContextOf(services), p.id, { kind: 'large-print' });
    renderWithDesk(<EditPatronPage id={p.id} />, services);
    await user.type(await screen.findByLabelText('Pronouns'), 'she/her');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(window.location.hash).toBe(`#/patrons/${p.id}`));
    const stored = await services.db.patrons.get(p.id);
    expect(stored?.pronouns).toBe('she/her');
    expect(stored?.flags.map((f) => f.kind)).toEqual(['large-print']);
  });

  it('says so when the patron is not on this desk', async () => {
    renderWithDesk(<EditPatronPage id="missing" />, services);
    expect(await screen.findByRole('alert')).toHaveTextContent('This patron is not on this desk.');
  });
});
