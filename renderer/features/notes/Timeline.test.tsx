import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskServices } from '../../app/deskContext';
import { recordFollowUpEvent } from '../../db/followUpsRepo';
import { addNote } from '../../db/notesRepo';
import { arrangeFollowUp, arrangePatron, deskServices, renderPatronPage, UI_TEST, writeContextAt } from '../../test/renderDesk';

const MIN = 60_000;
let services: DeskServices;
let patronId: string;

beforeEach(async () => {
  services = await deskServices();
  patronId = (await arrangePatron(services, { phones: [{ label: 'mobile', number: '020 7946 0001' }] })).id;
});

async function openTimeline() {
  renderPatronPage(services, patronId);
  await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' });
  return screen.findByRole('list', { name: 'Notes and follow-ups, newest first' });
}
const names = (list: HTMLElement) => within(list).getAllByRole('listitem').map((li) => li.getAttribute('aria-label'));

describe('Timeline with follow-ups', UI_TEST, () => {
  it('interleaves notes and follow-up log entries by time, newest first, with outcome, who, desk and when', async () => {
    await addNote(services.db, writeContextAt(services, -180 * MIN, 'Ben'), patronId, { body: 'Asked for the 1911 census' });
    const f = await arrangeFollowUp(services, patronId, { reason: 'Census microfilm is in' }, writeContextAt(services, -120 * MIN, 'Anna'));
    await recordFollowUpEvent(services.db, writeContextAt(services, -60 * MIN, 'Ben'), f.id, { type: 'attempted', outcome: 'no-answer' });
    await recordFollowUpEvent(services.db, writeContextAt(services, -30 * MIN, 'Anna'), f.id, { type: 'done', outcome: 'reached', comment: 'Coming on Tuesday' });
    await addNote(services.db, writeContextAt(services, -10 * MIN, 'Ben'), patronId, { body: 'Booked a reader for Tuesday' });

    const list = await openTimeline();
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(5));
    expect(names(list)).toEqual([
      'Note by Ben',
      'Follow-up done by Anna',
      'Follow-up attempted by Ben',
      'Follow-up created by Anna',
      'Note by Ben',
    ]);
    const done = within(list).getByRole('listitem', { name: 'Follow-up done by Anna' });
    expect(done).toHaveTextContent('Follow-up done: Reached — Coming on Tuesday');
    expect(done).toHaveTextContent(/Anna at Front desk/);
    expect(within(done).getByRole('link', { name: 'Census microfilm is in' })).toHaveAttribute('href', `#/follow-ups/${f.id}`);
    expect(within(list).getByRole('listitem', { name: 'Follow-up attempted by Ben' })).toHaveTextContent(/No answer.*Ben at Front desk/);
  });

  it('adds an entry as soon as something happens to a follow-up, and the open panel lets go of it once it is closed', async () => {
    const f = await arrangeFollowUp(services, patronId, { reason: 'Book due back' }, writeContextAt(services, -5 * MIN));
    const list = await openTimeline();
    const panel = screen.getByRole('region', { name: 'Follow-ups' });
    await within(panel).findByRole('link', { name: 'Book due back' });

    await recordFollowUpEvent(services.db, writeContextAt(services, 0, 'Ben'), f.id, { type: 'cancelled', reason: 'Returned it by post' });
    const cancelled = await within(list).findByRole('listitem', { name: 'Follow-up cancelled by Ben' });
    expect(cancelled).toHaveTextContent('Follow-up cancelled: Returned it by post');
    expect(names(list)[0]).toBe('Follow-up cancelled by Ben');
    await within(panel).findByText('Nothing open.');
  });

  it('shows only this patron\'s follow-ups', async () => {
    const other = await arrangePatron(services, { firstName: 'Grace', lastName: 'Hopper' });
    await arrangeFollowUp(services, other.id, { reason: 'Not for Ada' });
    await arrangeFollowUp(services, patronId, { reason: 'For Ada' });
    const list = await openTimeline();
    await within(list).findByRole('link', { name: 'For Ada' });
    expect(within(list).queryByRole('link', { name: 'Not for Ada' })).not.toBeInTheDocument();
    expect(names(list)).toEqual(['Follow-up created by Anna']);
  });
});
