import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskServices } from '../../app/deskContext';
import { readRecentPatronIds } from '../../db/deskMeta';
import { addNote, deleteNote } from '../../db/notesRepo';
import { arrangePatron, deskServices, renderPatronPage, UI_TEST, writeContextAt, writeContextOf } from '../../test/renderDesk';

// The fixed clock reads 2026-11-20 10:00 UTC.
let services: DeskServices;
let patronId: string;

beforeEach(async () => {
  services = await deskServices();
  patronId = (await arrangePatron(services)).id;
});

async function openPatron() {
  renderPatronPage(services, patronId);
  await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' });
}

const timeline = () => screen.getByRole('list', { name: 'Notes and follow-ups, newest first' });

describe('AlertBanner', UI_TEST, () => {
  it('shows active alerts in the Alerts region as the patron opens, plain notes only in the timeline', async () => {
    const ctx = writeContextOf(services);
    await addNote(services.db, ctx, patronId, { body: 'Owes £4 in fines', kind: 'alert' });
    await addNote(services.db, ctx, patronId, { body: 'Lost card reported', kind: 'alert', expiresOn: '2026-11-20' });
    await addNote(services.db, ctx, patronId, { body: 'Likes crime novels' });
    await openPatron();

    const region = await screen.findByRole('region', { name: 'Alerts' });
    expect(within(region).getByText('Owes £4 in fines')).toBeInTheDocument();
    // An alert still applies on its last day.
    expect(within(region).getByText('Lost card reported')).toBeInTheDocument();
    expect(within(region).getByText(/until 20 Nov 2026/)).toBeInTheDocument();
    expect(within(region).queryByText('Likes crime novels')).not.toBeInTheDocument();
    expect(within(timeline()).getByText('Likes crime novels')).toBeInTheDocument();
    expect(within(timeline()).queryByText('Owes £4 in fines')).not.toBeInTheDocument();
  });

  it('acknowledging moves the alert out of the region and into the timeline', async () => {
    const user = userEvent.setup();
    const alert = await addNote(services.db, writeContextAt(services, -60_000, 'Ben'), patronId, { body: 'Check ID before lending', kind: 'alert' });
    await openPatron();
    const region = await screen.findByRole('region', { name: 'Alerts' });
    await user.click(within(region).getByRole('button', { name: 'Acknowledge alert: Check ID before lending' }));

    await waitFor(() => expect(screen.queryByRole('region', { name: 'Alerts' })).not.toBeInTheDocument());
    const entry = within(timeline()).getByRole('listitem', { name: 'Alert by Ben' });
    expect(entry).toHaveTextContent('Check ID before lending');
    expect(entry).toHaveTextContent('Alert, acknowledged by Anna');
    expect((await services.db.notes.get(alert.id))?.acknowledged?.staff).toBe('Anna');
  });

  it('leaves an alert past its last day out of the region; it sits in the timeline as expired', async () => {
    await addNote(services.db, writeContextOf(services), patronId, { body: 'Holiday closure notice', kind: 'alert', expiresOn: '2026-11-19' });
    await openPatron();

    const entry = await within(await screen.findByRole('list', { name: 'Notes and follow-ups, newest first' })).findByRole('listitem', { name: 'Alert by Anna' });
    expect(entry).toHaveTextContent('Holiday closure notice');
    expect(entry).toHaveTextContent('Alert, expired');
    expect(screen.queryByRole('region', { name: 'Alerts' })).not.toBeInTheDocument();
  });

  it('does not show a deleted alert anywhere', async () => {
    const ctx = writeContextOf(services);
    const alert = await addNote(services.db, ctx, patronId, { body: 'Withdrawn alert', kind: 'alert' });
    await deleteNote(services.db, ctx, alert.id);
    await addNote(services.db, ctx, patronId, { body: 'Still here' });
    await openPatron();
    await screen.findByText('Still here');
    expect(screen.queryByText('Withdrawn alert')).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Alerts' })).not.toBeInTheDocument();
  });
});

describe('PatronPage', UI_TEST, () => {
  it('records the patron as recently opened at this desk', async () => {
    await openPatron();
    await waitFor(async () => expect(await readRecentPatronIds(services.db)).toEqual([patronId]));
  });

  it('says so when the patron is not on this desk', async () => {
    renderPatronPage(services, 'missing');
    expect(await screen.findByText(/This patron is not on this desk/)).toBeInTheDocument();
    expect(await readRecentPatronIds(services.db)).toEqual([]);
  });
});
