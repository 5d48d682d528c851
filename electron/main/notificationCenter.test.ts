import type { BrowserWindow } from 'electron';
import { HOST_EVENTS } from '@shared/host/hostChannels';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, FakeNotification, resetFakeElectron } from '../test/fakeElectron';
import { createNotificationCenter } from './notificationCenter';
import { routeNotificationClick } from './notificationClick';

vi.mock('electron', async () => (await import('../test/fakeElectron')).electronModule);

const reminder = { id: 'fu-42', title: 'Call Ada Lovelace', body: 'Large-print copy has arrived' };

describe('notification center', () => {
  beforeEach(resetFakeElectron);

  it('shows a notification with the follow-up id as its OS id', () => {
    createNotificationCenter({ onClick: vi.fn(), platform: 'linux' }).notify(reminder);
    expect(FakeNotification.instances).toHaveLength(1);
    expect(FakeNotification.instances[0]).toMatchObject({
      shown: true,
      options: { id: 'fu-42', title: 'Call Ada Lovelace', body: 'Large-print copy has arrived', urgency: 'normal', timeoutType: 'default' },
    });
  });

  it('keeps a critical notification on screen', () => {
    createNotificationCenter({ onClick: vi.fn(), platform: 'linux' }).notify({ ...reminder, urgency: 'critical' });
    expect(FakeNotification.instances[0]?.options).toMatchObject({ urgency: 'critical', timeoutType: 'never' });
  });

  it('notify then withdraw closes it', () => {
    const center = createNotificationCenter({ onClick: vi.fn(), platform: 'linux' });
    center.notify(reminder);
    center.withdraw('fu-42');
    expect(FakeNotification.instances[0]?.closed).toBe(true);
  });

  it('withdraw also clears it from the Action Center / Notification Center', () => {
    const center = createNotificationCenter({ onClick: vi.fn(), platform: 'win32' });
    center.notify(reminder);
    center.withdraw('fu-42');
    expect(FakeNotification.removedIds).toContain('fu-42');
  });

  it('a second notify with the same id replaces the first', () => {
    const center = createNotificationCenter({ onClick: vi.fn(), platform: 'linux' });
    center.notify(reminder);
    center.notify({ ...reminder, body: 'Now overdue' });
    const [first, second] = FakeNotification.instances;
    expect(first?.closed).toBe(true);
    expect(second).toMatchObject({ shown: true, closed: false });
    center.withdraw('fu-42');
    expect(second?.closed).toBe(true);
  });

  it('withdrawing an unknown id is harmless', () => {
    expect(() => createNotificationCenter({ onClick: vi.fn(), platform: 'linux' }).withdraw('nope')).not.toThrow();
  });

  it('refuses with host-unavailable where the OS has no notifications', () => {
    FakeNotification.supported = false;
    const center = createNotificationCenter({ onClick: vi.fn(), platform: 'linux' });
    expect(() => center.notify(reminder)).toThrow(expect.objectContaining({ code: 'host-unavailable' }));
  });

  it('a click routes to the right follow-up: window focused, id sent to the renderer', () => {
    const window = new FakeBrowserWindow({});
    window.minimized = true;
    const center = createNotificationCenter({
      onClick: (id) => routeNotificationClick(window as unknown as BrowserWindow, id),
      platform: 'linux',
    });
    center.notify({ ...reminder, id: 'fu-7' });
    center.notify(reminder);
    FakeNotification.instances.find((n) => n.options.id === 'fu-42')?.emit('click');
    expect(window).toMatchObject({ visible: true, focused: true, minimized: false });
    expect(window.webContents.sent).toEqual([{ channel: HOST_EVENTS.notificationClicked, args: ['fu-42'] }]);
  });

  it('a click after the window is gone does nothing', () => {
    const window = new FakeBrowserWindow({});
    window.destroyed = true;
    routeNotificationClick(window as unknown as BrowserWindow, 'fu-42');
    routeNotificationClick(undefined, 'fu-42');
    expect(window.webContents.sent).toEqual([]);
  });
});
