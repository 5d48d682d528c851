import type { App, BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fake, resetFakeElectron } from '../test/fakeElectron';
import { claimSingleInstance } from './singleInstance';
import { revealWindow } from './window/mainWindow';

vi.mock('electron', async () => (await import('../test/fakeElectron')).electronModule);

describe('single instance', () => {
  beforeEach(resetFakeElectron);

  it('a second launch focuses the existing window (even from the tray)', () => {
    const window = new FakeBrowserWindow({});
    window.minimized = true;
    const app = fake.app as unknown as App;
    expect(claimSingleInstance(app, () => revealWindow(window as unknown as BrowserWindow))).toBe(true);
    fake.app.emit('second-instance', {}, ['desk-diary'], '/home/staff');
    expect(window).toMatchObject({ visible: true, focused: true, minimized: false });
  });

  it('the second instance itself quits', () => {
    fake.app.hasLock = false;
    const reveal = vi.fn();
    expect(claimSingleInstance(fake.app as unknown as App, reveal)).toBe(false);
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.app.listenerCount('second-instance')).toBe(0);
  });
});
