import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, type Mock } from 'vitest';
import type { Patron } from '@shared/domain/patron';
import type { DeskServices } from '../../app/deskContext';
import { Shell } from '../../app/Shell';
import { ToastRegion } from '../../app/Toast';
import { arrangeFollowUp, arrangePatron, deskServices, renderWithDesk, UI_TEST } from '../../test/renderDesk';
import { ReminderToasts } from './ReminderToasts';
import { useReminderService } from './useReminderService';

/*
 * The service runs for real here (real timers); the desk clock is a variable the test
 * moves, and a window "focus" makes the service look again, as it does when the desk
 * PC comes back to the foreground.
 */
let clock: number;
let services: DeskServices;
let patron: Patron;

beforeEach(async () => {
  const base = await deskServices();
  clock = base.now();
  services = { ...base, now: () => clock };
  patron = await arrangePatron(services, { title: 'Prof.', firstName: 'Yvonne', lastName: 'Young', phones: [{ label: 'mobile', number: '020 7946 0001' }] });
});

function Reminders() {
  useReminderService();
  return (
    <>
      <ReminderToasts />
      <ToastRegion />
    </>
  );
}

const dueReminders = () => screen.findByRole('complementary', { name: 'Due reminders' });
const storedEvents = (id: string) => services.db.followUpEvents.where('followUpId').equals(id).toArray();

describe('ReminderToasts with the reminder service', UI_TEST, () => {
  it('shows a due follow-up, and "Done — reached" closes it and takes it off the screen', async () => {
    const user = userEvent.setup();
    const f = await arrangeFollowUp(services, patron.id, { reason: 'Her book is due back' });
    renderWithDesk(<Reminders />, services);

    const region = await dueReminders();
    expect(within(region).getByText('Phone Prof. Yvonne Young')).toBeInTheDocument();
    expect(within(region).getByText(/Her book is due back · Phone: 020 7946 0001/)).toBeInTheDocument();
    expect(services.host.notify).toHaveBeenCalledTimes(1);

    const actions = within(region).getByRole('group', { name: 'Actions for Phone Prof. Yvonne Young' });
    await user.click(within(actions).getByRole('button', { name: 'Done — reached' }));

    await waitFor(() => expect(screen.queryByRole('complementary', { name: 'Due reminders' })).not.toBeInTheDocument());
    expect(screen.getByRole('status')).toHaveTextContent('Done: reached.');
    expect((await storedEvents(f.id)).map((e) => e.type === 'done' && e.outcome)).toContain('reached');
    expect(services.host.withdrawNotification).toHaveBeenCalledWith(f.id);
    expect(services.host.setBadgeCount).toHaveBeenLastCalledWith(0);
  });

  it('shows nothing before it is due, and the card once the desk looks again after the due time', async () => {
    await arrangeFollowUp(services, patron.id, { reason: 'Call back about the atlas', dueAt: clock + 60_000 });
    renderWithDesk(<Reminders />, services);
    await waitFor(() => expect(services.host.setBadgeCount).toHaveBeenCalledWith(0));
    expect(screen.queryByRole('complementary', { name: 'Due reminders' })).not.toBeInTheDocument();

    clock += 60_000;
    act(() => window.dispatchEvent(new Event('focus')));
    expect(within(await dueReminders()).getByText(/Call back about the atlas/)).toBeInTheDocument();
    expect(services.host.notify).toHaveBeenCalledTimes(1);
  });

  it('snoozes from the card: it goes away and comes back 15 minutes later', async () => {
    const user = userEvent.setup();
    const f = await arrangeFollowUp(services, patron.id);
    renderWithDesk(<Reminders />, services);
    await user.click(within(await dueReminders()).getByRole('button', { name: 'Snooze 15 min' }));

    await waitFor(() => expect(screen.queryByRole('complementary', { name: 'Due reminders' })).not.toBeInTheDocument());
    expect((await services.db.followUps.get(f.id))?.pendingDueAt).toBe(clock + 15 * 60_000);

    clock += 15 * 60_000;
    act(() => window.dispatchEvent(new Event('focus')));
    await dueReminders();
    expect(services.host.notify).toHaveBeenCalledTimes(2);
  });

  it("keeps a reminder assigned to a colleague off this desk until they take over", async () => {
    await arrangeFollowUp(services, patron.id, { reason: 'For Ben', assignee: { kind: 'staff', name: 'Ben' } });
    renderWithDesk(<Reminders />, services);
    await waitFor(() => expect(services.host.setBadgeCount).toHaveBeenCalledWith(0));
    expect(screen.queryByRole('complementary', { name: 'Due reminders' })).not.toBeInTheDocument();

    act(() => services.store.getState().setStaff('Ben'));
    expect(within(await dueReminders()).getByText(/For Ben/)).toBeInTheDocument();
  });
});

describe('Shell with due reminders', UI_TEST, () => {
  it('raises what came due while closed as overdue, counts it in the menu, and a notification click opens it', async () => {
    const f = await arrangeFollowUp(services, patron.id, { reason: 'Her book is due back', dueAt: clock - 3 * 3_600_000 });
    renderWithDesk(<Shell />, services);

    const region = await dueReminders();
    expect(within(region).getByText('Overdue: Phone Prof. Yvonne Young')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Reminders (1 due)' })).toBeInTheDocument();
    expect(services.host.notify).toHaveBeenCalledWith(expect.objectContaining({ id: f.id, urgency: 'critical' }));

    const [[onClick]] = (services.host.onNotificationClick as Mock<(listener: (id: string) => void) => () => void>).mock.calls as [[(id: string) => void]];
    act(() => onClick(f.id));
    expect(await screen.findByRole('heading', { level: 1, name: 'Follow-up' })).toBeInTheDocument();
    expect(window.location.hash).toBe(`#/follow-ups/${f.id}`);
  });
});
