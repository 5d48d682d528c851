import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskServices } from '../../app/deskContext';
import { addFlag, clearFlag } from '../../db/patronsRepo';
import { arrangePatron, deskServices, renderWithPatron, UI_TEST, writeContextAt, writeContextOf } from '../../test/renderDesk';
import { ContactPanel } from './ContactPanel';

// The fixed clock reads 2026-11-20 10:00 UTC.
let services: DeskServices;
let patronId: string;

beforeEach(async () => {
  services = await deskServices();
  patronId = (await arrangePatron(services)).id;
});

async function openPatron() {
  renderWithPatron(services, patronId, (patron) => <ContactPanel patron={patron} />);
  await screen.findByRole('heading', { name: 'How to contact' });
}

const activeFlags = () => screen.getByRole('list', { name: 'Active flags' });
const storedFlags = async () => (await services.db.patrons.get(patronId))?.flags ?? [];

/** Opens the flag history disclosure and returns its list. */
async function flagHistory(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByText(/^Flag history \(\d+\)$/));
  return screen.getByRole('list', { name: 'Flag history' });
}

describe('ContactPanel flags', UI_TEST, () => {
  it('shows an active flag with its kind, reason, source and who set it', async () => {
    await addFlag(services.db, writeContextOf(services), patronId, { kind: 'never-email', reason: "Doesn't read it", source: 'the patron' });
    await openPatron();

    const [flag] = within(activeFlags()).getAllByRole('listitem');
    expect(flag).toHaveTextContent('Never email');
    expect(flag).toHaveTextContent("Doesn't read it");
    expect(flag).toHaveTextContent(/Set by Anna at Front desk/);
    expect(flag).toHaveTextContent('source: the patron');
    expect(screen.queryByText(/^Flag history/)).not.toBeInTheDocument();
  });

  it('puts a flag past its expiry day in the history, not among the active flags', async () => {
    const user = userEvent.setup();
    const ctx = writeContextOf(services);
    await addFlag(services.db, ctx, patronId, { kind: 'large-print', expiresOn: '2026-11-19' });
    await addFlag(services.db, ctx, patronId, { kind: 'phone-only', expiresOn: '2026-11-20' });
    await openPatron();

    const active = within(activeFlags()).getAllByRole('listitem');
    expect(active).toHaveLength(1);
    expect(active[0]).toHaveTextContent('Phone only');
    expect(active[0]).toHaveTextContent('until 20 Nov 2026');
    expect(activeFlags()).not.toHaveTextContent('Large print');

    const history = await flagHistory(user);
    const [expired] = within(history).getAllByRole('listitem');
    expect(expired).toHaveTextContent('Large print');
    expect(expired).toHaveTextContent('Expired after 19 Nov 2026.');
  });

  it('Clear moves a flag to the history with who cleared it', async () => {
    const user = userEvent.setup();
    const ctx = writeContextOf(services);
    await addFlag(services.db, ctx, patronId, { kind: 'do-not-contact', reason: 'Asked us to stop' });
    await addFlag(services.db, ctx, patronId, { kind: 'large-print' });
    await openPatron();

    await user.click(screen.getByRole('button', { name: 'Clear flag Do not contact' }));

    await waitFor(() => expect(activeFlags()).not.toHaveTextContent('Do not contact'));
    expect(within(activeFlags()).getAllByRole('listitem')).toHaveLength(1);
    const history = await flagHistory(user);
    expect(history).toHaveTextContent('Do not contact — Asked us to stop');
    expect(history).toHaveTextContent(/Cleared by Anna at Front desk/);
    expect(screen.getByText('Cleared “Do not contact”')).toBeInTheDocument();
    const dnc = (await storedFlags()).find((f) => f.kind === 'do-not-contact');
    expect(dnc?.cleared?.staff).toBe('Anna');
  });

  it('hides the Active flags list when every flag is cleared', async () => {
    const patron = await addFlag(services.db, writeContextOf(services), patronId, { kind: 'large-print' });
    await clearFlag(services.db, writeContextAt(services, 1_000, 'Ben'), patronId, patron.flags[0]?.id ?? '');
    await openPatron();
    expect(screen.queryByRole('list', { name: 'Active flags' })).not.toBeInTheDocument();
    expect(screen.getByText('Flag history (1)')).toBeInTheDocument();
  });
});

describe('FlagForm', UI_TEST, () => {
  it('refuses "Never email" without a reason, then saves it with one', async () => {
    const user = userEvent.setup();
    await openPatron();
    await user.click(screen.getByRole('button', { name: 'Add flag' }));
    const form = screen.getByRole('form', { name: 'Add flag' });
    expect(within(form).getByLabelText('Flag')).toHaveValue('never-email');
    await user.click(within(form).getByRole('button', { name: 'Save flag' }));

    const reason = await within(form).findByLabelText('Reason (required)');
    await waitFor(() => expect(reason).toHaveAttribute('aria-invalid', 'true'));
    expect(reason).toHaveAccessibleDescription(expect.stringContaining('"Never email" needs a reason'));
    expect(await storedFlags()).toEqual([]);

    await user.type(reason, "Doesn't read it");
    await user.type(within(form).getByLabelText('Source'), 'her daughter');
    await user.click(within(form).getByRole('button', { name: 'Save flag' }));

    await waitFor(() => expect(screen.queryByRole('form', { name: 'Add flag' })).not.toBeInTheDocument());
    expect(activeFlags()).toHaveTextContent("Never email — Doesn't read it");
    expect(await storedFlags()).toMatchObject([{ kind: 'never-email', reason: "Doesn't read it", source: 'her daughter' }]);
  });

  it('saves a flag that needs no reason with its expiry day', async () => {
    const user = userEvent.setup();
    await openPatron();
    await user.click(screen.getByRole('button', { name: 'Add flag' }));
    const form = screen.getByRole('form', { name: 'Add flag' });
    await user.selectOptions(within(form).getByLabelText('Flag'), 'Hard of hearing');
    expect(within(form).getByLabelText('Reason')).toBeInTheDocument();
    await user.type(within(form).getByLabelText('Expires on'), '2027-01-31');
    await user.click(within(form).getByRole('button', { name: 'Save flag' }));

    await waitFor(async () => expect(await storedFlags()).toMatchObject([{ kind: 'hard-of-hearing', reason: '', expiresOn: '2027-01-31' }]));
    expect(await screen.findByRole('list', { name: 'Active flags' })).toHaveTextContent('until 31 Jan 2027');
  });
});
