import type { IpcMain } from 'electron';
import { DeskError } from '@shared/errors/deskError';
import { HOST_METHOD_CHANNELS, hostInvokeSchemas } from '@shared/host/hostChannels';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronModule, fake, invokeFromRenderer, resetFakeElectron } from '../../test/fakeElectron';
import { createHostHandlers, type HostServices } from './hostHandlers';
import { registerHostIpc } from './registerHostIpc';

vi.mock('electron', async () => (await import('../../test/fakeElectron')).electronModule);

const APP_PAGE = 'file:///app/out/renderer/index.html';
const isTrustedSender = (url: string | undefined): boolean => url === APP_PAGE;

function services(): HostServices {
  return {
    appInfo: () => ({ name: 'Desk Diary', version: '0.1.0', host: 'electron', platform: 'linux' }),
    notifications: { notify: vi.fn(), withdraw: vi.fn() },
    saveFile: vi.fn(async () => ({ saved: false, reason: 'cancelled' }) as const),
    secrets: { get: vi.fn(async () => 'token-1'), set: vi.fn(async () => undefined), delete: vi.fn(async () => undefined) },
    showDueCount: vi.fn(),
  };
}

function register(s: HostServices = services()): HostServices {
  registerHostIpc(electronModule.ipcMain as unknown as IpcMain, createHostHandlers(s), isTrustedSender);
  return s;
}

describe('host IPC', () => {
  beforeEach(resetFakeElectron);

  it('registers exactly one handler per channel, covering every DeskHost method', () => {
    register();
    const channels = Object.keys(hostInvokeSchemas).sort();
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(channels);
    expect(Object.values(HOST_METHOD_CHANNELS).sort()).toEqual(channels);
  });

  it('answers a valid call from the app with ok + value', async () => {
    const s = register();
    await expect(invokeFromRenderer('desk:app-info', APP_PAGE)).resolves.toEqual({
      ok: true,
      value: { name: 'Desk Diary', version: '0.1.0', host: 'electron', platform: 'linux' },
    });
    await expect(invokeFromRenderer('desk:get-secret', APP_PAGE, 'session-token')).resolves.toEqual({ ok: true, value: 'token-1' });
    await invokeFromRenderer('desk:set-badge-count', APP_PAGE, 3);
    expect(s.showDueCount).toHaveBeenCalledWith(3);
  });

  it('rejects a call from a foreign page without running the handler', async () => {
    const s = register();
    const result = await invokeFromRenderer('desk:notify', 'https://evil.example/', { id: 'x', title: 'Hi', body: '' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'bad-ipc-sender',
        message: 'Refused desk:notify: the caller (https://evil.example/) is not the Desk Diary window.',
      },
    });
    expect(s.notifications.notify).not.toHaveBeenCalled();
  });

  it('rejects a call whose frame is already gone', async () => {
    register();
    await expect(invokeFromRenderer('desk:app-info', null)).resolves.toMatchObject({ ok: false, error: { code: 'bad-ipc-sender' } });
  });

  it('rejects a bad payload (notify with an empty title) with the offending field', async () => {
    const s = register();
    const result = await invokeFromRenderer('desk:notify', APP_PAGE, { id: 'fu-1', title: '', body: 'b' });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'validation',
        message: expect.stringMatching(/^Invalid desk:notify call: 0\.title: /),
        issues: [{ field: '0.title', message: expect.any(String) }],
      },
    });
    expect(s.notifications.notify).not.toHaveBeenCalled();
  });

  it('rejects missing, extra and wrongly typed arguments', async () => {
    register();
    const invalid = { ok: false, error: { code: 'validation' } };
    await expect(invokeFromRenderer('desk:withdraw-notification', APP_PAGE)).resolves.toMatchObject(invalid);
    await expect(invokeFromRenderer('desk:app-info', APP_PAGE, 'surprise')).resolves.toMatchObject(invalid);
    await expect(invokeFromRenderer('desk:set-badge-count', APP_PAGE, -1)).resolves.toMatchObject(invalid);
    await expect(invokeFromRenderer('desk:set-secret', APP_PAGE, 'Session Token!', 'x')).resolves.toMatchObject(invalid);
    await expect(
      invokeFromRenderer('desk:save-file', APP_PAGE, { suggestedName: '../../.bashrc', mimeType: 'text/plain', data: 'x' }),
    ).resolves.toMatchObject(invalid);
  });

  it('turns a handler failure into an error result instead of throwing across IPC', async () => {
    const s = services();
    s.secrets.set = vi.fn(async () => {
      throw new DeskError('host-unavailable', 'Secure storage is not available');
    });
    s.saveFile = vi.fn(async () => {
      throw new Error('EACCES: permission denied');
    });
    register(s);
    await expect(invokeFromRenderer('desk:set-secret', APP_PAGE, 'session-token', 'abc')).resolves.toEqual({
      ok: false,
      error: { code: 'host-unavailable', message: 'Secure storage is not available' },
    });
    await expect(
      invokeFromRenderer('desk:save-file', APP_PAGE, { suggestedName: 'a.csv', mimeType: 'text/csv', data: 'x' }),
    ).resolves.toEqual({ ok: false, error: { code: 'internal', message: 'EACCES: permission denied' } });
  });
});
