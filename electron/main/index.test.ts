import { HOST_EVENTS, hostInvokeSchemas } from '@shared/host/hostChannels';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, FakeNotification, FakeTray, fake, invokeFromRenderer, resetFakeElectron } from '../test/fakeElectron';

vi.mock('electron', async () => (await import('../test/fakeElectron')).electronModule);

// The wiring, end to end against the fake: start the app once, then drive it as the renderer would.
describe('main process wiring', () => {
  let window: FakeBrowserWindow;
  let tray: FakeTray;
  let pageUrl: string;

  beforeAll(async () => {
    resetFakeElectron();
    vi.stubEnv('ELECTRON_RENDERER_URL', '');
    await import('./index');
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
    window = FakeBrowserWindow.instances[0] as FakeBrowserWindow;
    tray = FakeTray.instances[0] as FakeTray;
    pageUrl = window.webContents.url;
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it('starts hardened: one sandboxed window on the built renderer, CSP and permission handlers installed', () => {
    expect(window.options['webPreferences']).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(String((window.options['webPreferences'] as { preload: string }).preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(window.loaded.file).toMatch(/renderer[\\/]index\.html$/);
    expect(fake.session.headersListener).toBeDefined();
    expect(fake.session.permissionRequestHandler).toBeDefined();
    expect(tray).toBeDefined();
  });

  it('answers every channel for its own page', async () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(Object.keys(hostInvokeSchemas).sort());
    await expect(invokeFromRenderer('desk:app-info', pageUrl)).resolves.toMatchObject({ ok: true, value: { host: 'electron' } });
  });

  it('routes the badge count to the tray and the dock', async () => {
    await invokeFromRenderer('desk:set-badge-count', pageUrl, 3);
    expect(tray.toolTip).toBe('Desk Diary — 3 due');
    expect(fake.app.setBadgeCount).toHaveBeenCalledWith(3);
  });

  it('hides to the tray on close, and a notification click brings it back on that follow-up', async () => {
    window.show();
    window.userCloses();
    expect(window.visible).toBe(false);
    await invokeFromRenderer('desk:notify', pageUrl, { id: 'fu-9', title: 'Ring Mr Okafor', body: 'About his hold' });
    FakeNotification.instances.at(-1)?.emit('click');
    expect(window).toMatchObject({ visible: true, focused: true });
    expect(window.webContents.sent).toContainEqual({ channel: HOST_EVENTS.notificationClicked, args: ['fu-9'] });
  });

  it('a second launch focuses the existing window', () => {
    window.hide();
    fake.app.emit('second-instance', {}, [], '/');
    expect(window).toMatchObject({ visible: true, focused: true });
  });

  it('tray Quit really quits: the window closes instead of hiding', () => {
    tray.menu.find((item) => item.label === 'Quit')?.click?.();
    expect(fake.app.quit).toHaveBeenCalled();
    expect(window.userCloses().defaultPrevented).toBe(false);
  });
});
