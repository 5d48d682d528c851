import type { Session, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebContents, electronModule, fake, fakeEvent, resetFakeElectron } from '../../test/fakeElectron';
import { guardNavigation, openExternally, restrictPermissions } from './windowGuards';

vi.mock('electron', async () => (await import('../../test/fakeElectron')).electronModule);

const APP_URL = 'file:///app/out/renderer/index.html';
const isAppUrl = (url: string): boolean => url.startsWith('file:///app/out/renderer/');

function guarded(): FakeWebContents {
  const webContents = new FakeWebContents();
  guardNavigation(webContents as unknown as WebContents, isAppUrl);
  return webContents;
}

describe('navigation guard', () => {
  beforeEach(resetFakeElectron);

  it('blocks navigation to a foreign URL and hands web links to the browser', () => {
    const event = fakeEvent();
    guarded().emit('will-navigate', event, 'https://evil.example/phish');
    expect(event.defaultPrevented).toBe(true);
    expect(electronModule.shell.openExternal).toHaveBeenCalledWith('https://evil.example/phish');
  });

  it('allows navigation within the app', () => {
    const event = fakeEvent();
    guarded().emit('will-navigate', event, `${APP_URL}#/patrons`);
    expect(event.defaultPrevented).toBe(false);
    expect(electronModule.shell.openExternal).not.toHaveBeenCalled();
  });

  it('blocks a foreign file:// page without opening it anywhere', () => {
    const event = fakeEvent();
    guarded().emit('will-navigate', event, 'file:///home/staff/Downloads/evil.html');
    expect(event.defaultPrevented).toBe(true);
    expect(electronModule.shell.openExternal).not.toHaveBeenCalled();
  });

  it('blocks redirects away from the app and every <webview>', () => {
    const webContents = guarded();
    const redirect = fakeEvent();
    webContents.emit('will-redirect', redirect, 'https://evil.example/');
    const webview = fakeEvent();
    webContents.emit('will-attach-webview', webview);
    expect(redirect.defaultPrevented).toBe(true);
    expect(webview.defaultPrevented).toBe(true);
  });
});

describe('window-open handler', () => {
  beforeEach(resetFakeElectron);

  it('denies every new window and opens web links externally', () => {
    const handler = guarded().windowOpenHandler;
    expect(handler?.({ url: 'https://www.worldcat.org/title/123' })).toEqual({ action: 'deny' });
    expect(electronModule.shell.openExternal).toHaveBeenCalledWith('https://www.worldcat.org/title/123');
  });

  it('denies without opening anything for other schemes', () => {
    const handler = guarded().windowOpenHandler;
    expect(handler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(electronModule.shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('openExternally', () => {
  it('lets http(s) and mailto out, nothing else', () => {
    const open = vi.fn(() => Promise.resolve());
    expect(openExternally('mailto:patron@example.org', open)).toBe(true);
    expect(openExternally('smb://server/share', open)).toBe(false);
    expect(openExternally('::', open)).toBe(false);
    expect(open).toHaveBeenCalledTimes(1);
  });
});

describe('permissions', () => {
  beforeEach(resetFakeElectron);

  const appContents = { getURL: () => APP_URL };
  const foreignContents = { getURL: () => 'https://evil.example/' };

  function request(contents: { getURL(): string }, permission: string): boolean {
    restrictPermissions(fake.session as unknown as Session, isAppUrl);
    let granted: boolean | undefined;
    fake.session.permissionRequestHandler?.(contents, permission, (ok: boolean) => (granted = ok), {});
    return granted ?? false;
  }

  it('grants notifications to the app and denies everything else', () => {
    expect(request(appContents, 'notifications')).toBe(true);
    expect(request(appContents, 'media')).toBe(false);
    expect(request(appContents, 'geolocation')).toBe(false);
    expect(request(foreignContents, 'notifications')).toBe(false);
  });

  it('answers permission checks the same way', () => {
    restrictPermissions(fake.session as unknown as Session, isAppUrl);
    const check = fake.session.permissionCheckHandler;
    expect(check?.(appContents, 'notifications', 'file:///', {})).toBe(true);
    expect(check?.(appContents, 'hid', 'file:///', {})).toBe(false);
    expect(check?.(null, 'notifications', 'file:///', {})).toBe(false);
  });
});
