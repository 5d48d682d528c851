import type { IpcRenderer } from 'electron';
import { HOST_EVENTS, HOST_METHOD_CHANNELS } from '@shared/host/hostChannels';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronModule, emitToRenderer, fake, resetFakeElectron } from '../test/fakeElectron';
import { DeskHostError, createDeskHostBridge } from './deskHostBridge';

vi.mock('electron', async () => (await import('../test/fakeElectron')).electronModule);

const invoke = () => electronModule.ipcRenderer.invoke;
const bridge = () => createDeskHostBridge(electronModule.ipcRenderer as unknown as IpcRenderer);

describe('DeskHost bridge', () => {
  beforeEach(() => {
    resetFakeElectron();
    invoke().mockResolvedValue({ ok: true, value: undefined });
  });

  it('has exactly the DeskHost methods, all functions', () => {
    const host = bridge();
    expect(Object.keys(host).sort()).toEqual([...Object.keys(HOST_METHOD_CHANNELS), 'onNotificationClick'].sort());
    for (const method of Object.values(host)) expect(typeof method).toBe('function');
  });

  it('calls each method on its own channel with its arguments', async () => {
    const host = bridge();
    const notification = { id: 'fu-1', title: 'Call back', body: '' };
    const file = { suggestedName: 'a.csv', mimeType: 'text/csv', data: 'x' };
    await host.appInfo();
    await host.notify(notification);
    await host.withdrawNotification('fu-1');
    await host.saveFile(file);
    await host.getSecret('session-token');
    await host.setSecret('session-token', 'abc');
    await host.deleteSecret('session-token');
    await host.setBadgeCount(4);
    expect(invoke().mock.calls).toEqual([
      ['desk:app-info'],
      ['desk:notify', notification],
      ['desk:withdraw-notification', 'fu-1'],
      ['desk:save-file', file],
      ['desk:get-secret', 'session-token'],
      ['desk:set-secret', 'session-token', 'abc'],
      ['desk:delete-secret', 'session-token'],
      ['desk:set-badge-count', 4],
    ]);
  });

  it('unwraps an ok result to its value', async () => {
    invoke().mockResolvedValue({ ok: true, value: { saved: true, location: '/tmp/a.csv' } });
    await expect(bridge().saveFile({ suggestedName: 'a.csv', mimeType: 'text/csv', data: 'x' })).resolves.toEqual({
      saved: true,
      location: '/tmp/a.csv',
    });
  });

  it('turns an error result into a thrown Error with code, message and fields', async () => {
    const issues = [{ field: '0.title', message: 'Too small' }];
    invoke().mockResolvedValue({ ok: false, error: { code: 'validation', message: 'Invalid desk:notify call: 0.title: Too small', issues } });
    const failure = bridge().notify({ id: 'fu-1', title: '', body: '' });
    await expect(failure).rejects.toBeInstanceOf(DeskHostError);
    await expect(failure).rejects.toBeInstanceOf(Error);
    await expect(failure).rejects.toMatchObject({ code: 'validation', message: 'Invalid desk:notify call: 0.title: Too small', issues });
  });

  it('delivers notification clicks by id until unsubscribed', () => {
    const listener = vi.fn();
    const unsubscribe = bridge().onNotificationClick(listener);
    emitToRenderer(HOST_EVENTS.notificationClicked, 'fu-42');
    emitToRenderer(HOST_EVENTS.notificationClicked, { not: 'an id' });
    unsubscribe();
    emitToRenderer(HOST_EVENTS.notificationClicked, 'fu-43');
    expect(listener.mock.calls).toEqual([['fu-42']]);
    expect(fake.rendererListeners.get(HOST_EVENTS.notificationClicked)?.size).toBe(0);
  });
});
