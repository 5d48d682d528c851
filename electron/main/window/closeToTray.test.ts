import type { App, BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fake, resetFakeElectron } from '../../test/fakeElectron';
import { keepInTrayOnClose } from './closeToTray';

vi.mock('electron', async () => (await import('../../test/fakeElectron')).electronModule);

describe('close to tray', () => {
  beforeEach(resetFakeElectron);

  function shownWindow(): FakeBrowserWindow {
    const window = new FakeBrowserWindow({});
    window.show();
    keepInTrayOnClose(fake.app as unknown as App, window as unknown as BrowserWindow);
    return window;
  }

  it('hides the window instead of closing it', () => {
    const window = shownWindow();
    const close = window.userCloses();
    expect(close.defaultPrevented).toBe(true);
    expect(window.visible).toBe(false);
    expect(window.destroyed).toBe(false);
  });

  it('really closes once the app is quitting', () => {
    const window = shownWindow();
    fake.app.quit();
    const close = window.userCloses();
    expect(close.defaultPrevented).toBe(false);
    expect(window.destroyed).toBe(true);
  });
});
