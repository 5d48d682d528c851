import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetFakeElectron, type FakeBrowserWindow } from '../../test/fakeElectron';
import { rendererLocation } from '../rendererLocation';
import { createMainWindow, revealWindow } from './mainWindow';

vi.mock('electron', async () => (await import('../../test/fakeElectron')).electronModule);

const location = rendererLocation({ rendererDir: '/app/out/renderer' });

function openWindow(): FakeBrowserWindow {
  return createMainWindow({ preloadPath: '/app/out/preload/index.cjs', iconPath: '/app/build/icon.png', location }) as unknown as FakeBrowserWindow;
}

describe('createMainWindow', () => {
  beforeEach(resetFakeElectron);

  it('is hardened: isolated, sandboxed, no Node, web security on, never throttled', () => {
    const window = openWindow();
    expect(window.options['webPreferences']).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      backgroundThrottling: false,
    });
  });

  it('loads the built renderer and shows itself once ready', () => {
    const window = openWindow();
    expect(window.loaded).toEqual({ file: '/app/out/renderer/index.html' });
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('guards its navigation from the start', () => {
    const window = openWindow();
    expect(window.webContents.listenerCount('will-navigate')).toBe(1);
    expect(window.webContents.windowOpenHandler).toBeDefined();
  });
});

describe('revealWindow', () => {
  beforeEach(resetFakeElectron);

  it('restores, shows and focuses a hidden, minimised window', () => {
    const window = openWindow();
    window.minimized = true;
    revealWindow(window as unknown as BrowserWindow);
    expect(window).toMatchObject({ minimized: false, visible: true, focused: true });
  });

  it('does nothing without a live window', () => {
    const window = openWindow();
    window.destroyed = true;
    revealWindow(window as unknown as BrowserWindow);
    revealWindow(undefined);
    expect(window.visible).toBe(false);
  });
});
