import type { App } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeTray, fake, resetFakeElectron } from '../test/fakeElectron';
import { createDeskTray, dueLabel } from './deskTray';
import { showDueCount } from './dueBadge';

vi.mock('electron', async () => (await import('../test/fakeElectron')).electronModule);

function setUp() {
  const actions = { openWindow: vi.fn(), quit: vi.fn() };
  const deskTray = createDeskTray({ iconPath: '/app/build/tray.png', ...actions });
  const tray = FakeTray.instances[0];
  if (!tray) throw new Error('no tray created');
  return { deskTray, tray, actions };
}

describe('desk tray', () => {
  beforeEach(resetFakeElectron);

  it('starts with the app name and an Open / Quit menu', () => {
    const { tray } = setUp();
    expect(tray.image).toEqual(expect.objectContaining({ path: '/app/build/tray.png' }));
    expect(tray.toolTip).toBe('Desk Diary');
    expect(tray.menu.map((item) => item.label ?? item.type)).toEqual(['Open Desk Diary', 'separator', 'Quit']);
  });

  it('shows the due count in the tooltip, title and menu', () => {
    const { deskTray, tray } = setUp();
    deskTray.setDueCount(3);
    expect(tray.toolTip).toBe('Desk Diary — 3 due');
    expect(tray.title).toBe('3 due');
    expect(tray.menu[0]).toMatchObject({ label: '3 due', enabled: false });
    deskTray.setDueCount(0);
    expect(tray.toolTip).toBe('Desk Diary');
    expect(tray.title).toBe('');
  });

  it('menu items and a click on the icon reach the app', () => {
    const { tray, actions } = setUp();
    tray.menu.find((item) => item.label === 'Open Desk Diary')?.click?.();
    tray.emit('click');
    tray.menu.find((item) => item.label === 'Quit')?.click?.();
    expect(actions.openWindow).toHaveBeenCalledTimes(2);
    expect(actions.quit).toHaveBeenCalledTimes(1);
  });

  it('dueLabel says nothing when nothing is due', () => {
    expect(dueLabel(0)).toBeUndefined();
    expect(dueLabel(12)).toBe('12 due');
  });
});

describe('showDueCount', () => {
  beforeEach(resetFakeElectron);

  it('updates the tray and the dock / launcher badge', () => {
    const { deskTray, tray } = setUp();
    showDueCount(5, { app: fake.app as unknown as App, tray: deskTray });
    expect(tray.toolTip).toBe('Desk Diary — 5 due');
    expect(fake.app.setBadgeCount).toHaveBeenCalledWith(5);
  });

  it('still sets the badge before the tray exists', () => {
    showDueCount(2, { app: fake.app as unknown as App, tray: undefined });
    expect(fake.app.setBadgeCount).toHaveBeenCalledWith(2);
  });
});
