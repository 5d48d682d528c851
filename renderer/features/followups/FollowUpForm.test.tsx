import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Patron, PatronDetailsInput } from '@shared/domain/patron';
import type { DeskServices } from '../../app/deskContext';
import { rememberStaff } from '../../db/deskMeta';
import { addFlag, setContactPreferences } from '../../db/patronsRepo';
import { arrangePatron, deskServices, renderWithPatron, UI_TEST, writeContextOf } from '../../test/renderDesk';
import { PatronFollowUps } from './PatronFollowUps';

let services: DeskServices;

beforeEach(async () => {
  services = await deskServices();
});

/** A patron with phone and email on file, the given preferred channels (best first) and flags. */
async function patronWith(channels: string[], flags: { kind: string; reason: string }[] = [], details: Partial<PatronDetailsInput> = {}): Promise<Patron> {
  const ctx = writeContextOf(services);
  let p = await arrangePatron(services, {
    phones: [{ label: 'mobile', number: '020 7946 0001' }], emails: [{ label: 'personal', address: 'ada@example.org' }], ...details,
  });
  p = await setContactPreferences(services.db, ctx, p.id, { channels, bestTimes: [], note: '' });
  for (const flag of flags) p = await addFlag(services.db, ctx, p.id, flag);
  return p;
}

async function openForm(patron: Patron) {
  const user = userEvent.setup();
  renderWithPatron(services, patron.id, (p) => <PatronFollowUps patron={p} />);
  await user.click(await screen.findByRole('button', { name: 'New follow-up' }));
  const form = screen.getByRole('form', { name: 'New follow-up' });
  return { user, form, field: (label: string) => within(form).getByLabelText(label) };
}

const stored = (patronId: string) => services.db.followUps.where('patronId').equals(patronId).toArray();

describe('FollowUpForm', UI_TEST, () => {
  it("starts on the patron's best preferred channel that their flags allow", async () => {
    const smsFirst = await patronWith(['sms', 'phone']);
    const { field } = await openForm(smsFirst);
    expect(field('Channel')).toHaveDisplayValue('SMS');
  });

  it('skips a preferred channel the flags forbid', async () => {
    const neverEmail = await patronWith(['email', 'letter', 'phone'], [{ kind: 'never-email', reason: 'Shared inbox' }], { address: '1 High St' });
    const { field, form } = await openForm(neverEmail);
    expect(field('Channel')).toHaveDisplayValue('Letter');
    expect(within(form).queryByLabelText('Reason to use this channel anyway')).not.toBeInTheDocument();
  });

  it('warns when Email is chosen for a never-email patron and needs a reason to use it anyway', async () => {
    const patron = await patronWith(['phone'], [{ kind: 'never-email', reason: 'Shared inbox' }]);
    const { user, form, field } = await openForm(patron);
    await user.type(field('Reason'), 'Send the reading list');
    await user.selectOptions(field('Channel'), 'Email');

    expect(within(form).getByText(/Never email — Shared inbox/)).toBeInTheDocument();
    const override = field('Reason to use this channel anyway');
    await user.click(within(form).getByRole('button', { name: 'Create follow-up' }));
    await waitFor(() => expect(override).toHaveAccessibleDescription(expect.stringContaining('Say why to use email anyway')));
    expect(override).toHaveAttribute('aria-invalid', 'true');
    expect(await stored(patron.id)).toEqual([]);

    await user.type(override, 'She asked for it by email this once');
    await user.click(within(form).getByRole('button', { name: 'Create follow-up' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'New follow-up' })).not.toBeInTheDocument());
    const [f] = await stored(patron.id);
    expect(f).toMatchObject({ channel: 'email', reason: 'Send the reading list', channelOverride: { flagKinds: ['never-email'], reason: 'She asked for it by email this once' } });
    expect(await screen.findByText(/channel used despite flags: She asked for it by email this once/)).toBeInTheDocument();
  });

  it('shows what the "When" box understood, or why it cannot read it', async () => {
    const patron = await patronWith(['phone']);
    const { user, form, field } = await openForm(patron);
    const when = field('When');
    await user.clear(when);
    await user.type(when, '2026-12-01 14:00');
    expect(when).toHaveAccessibleDescription('→ Tue 1 Dec 2026, 14:00');

    await user.clear(when);
    await user.type(when, 'fri 9:30');
    expect(when).toHaveAccessibleDescription(/^→ Fri \d{1,2} \w{3} 2026, 09:30$/);

    await user.clear(when);
    await user.type(when, 'someday');
    expect(when).toHaveAccessibleDescription(expect.stringContaining('Can\'t read "someday" as a time'));
    await user.type(field('Reason'), 'Book due');
    await user.click(within(form).getByRole('button', { name: 'Create follow-up' }));
    expect(await within(form).findByText('Not saved: one field needs attention.')).toBeInTheDocument();
    expect(await stored(patron.id)).toEqual([]);
  });

  it('stores a weekly repeat labelled with the weekday it falls on, for me by default', async () => {
    const patron = await patronWith(['phone']);
    const { user, form, field } = await openForm(patron);
    await user.type(field('Reason'), 'Reading group reminder');
    const when = field('When');
    await user.clear(when);
    await user.type(when, '2026-12-01 14:00');
    await user.selectOptions(field('Repeat'), 'Every Tuesday');
    await user.click(within(form).getByRole('button', { name: 'Create follow-up' }));

    await waitFor(async () => expect(await stored(patron.id)).toHaveLength(1));
    const [f] = await stored(patron.id);
    expect(f?.recurrence).toEqual({ rule: 'FREQ=WEEKLY', label: 'Every Tuesday' });
    expect(f?.firstDueAt).toBe(new Date(2026, 11, 1, 14, 0).getTime());
    expect(f?.assignee).toEqual({ kind: 'staff', name: 'Anna' });
    const list = await screen.findByRole('list', { name: 'Open follow-ups' });
    expect(await within(list).findByText(/Every Tuesday/)).toBeInTheDocument();
  });

  it('assigns to the desk queue or a named colleague', async () => {
    await rememberStaff(services.db, 'Ben');
    const patron = await patronWith(['phone']);
    const { user, form, field } = await openForm(patron);
    await user.type(field('Reason'), 'For Ben');
    await within(form).findByRole('option', { name: 'Ben' });
    await user.selectOptions(field('Assign to'), 'Ben');
    await user.click(within(form).getByRole('button', { name: 'Create follow-up' }));
    await waitFor(async () => expect((await stored(patron.id))[0]?.assignee).toEqual({ kind: 'staff', name: 'Ben' }));

    await user.click(await screen.findByRole('button', { name: 'New follow-up' }));
    const second = screen.getByRole('form', { name: 'New follow-up' });
    await user.type(within(second).getByLabelText('Reason'), 'For whoever is at the desk');
    await user.selectOptions(within(second).getByLabelText('Assign to'), 'Desk queue');
    await user.click(within(second).getByRole('button', { name: 'Create follow-up' }));
    await waitFor(async () => expect((await stored(patron.id)).map((f) => f.assignee.kind).sort()).toEqual(['queue', 'staff']));
  });

  it('says "Say why to get in touch" for an empty reason and stores nothing', async () => {
    const patron = await patronWith(['phone']);
    const { user, form, field } = await openForm(patron);
    await user.click(within(form).getByRole('button', { name: 'Create follow-up' }));
    await waitFor(() => expect(field('Reason')).toHaveAccessibleDescription(expect.stringContaining('Say why to get in touch')));
    expect(await stored(patron.id)).toEqual([]);
  });
});
