import { DESK_HOST_GLOBAL, HOST_METHOD_CHANNELS } from '@shared/host/hostChannels';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { electronModule, fake, resetFakeElectron } from '../test/fakeElectron';

vi.mock('electron', async () => (await import('../test/fakeElectron')).electronModule);

describe('preload entry', () => {
  beforeAll(async () => {
    resetFakeElectron();
    await import('./index');
  });

  it('exposes only the DeskHost, under its global name', () => {
    expect([...fake.exposed.keys()]).toEqual([DESK_HOST_GLOBAL]);
    const host = fake.exposed.get(DESK_HOST_GLOBAL) as Record<string, unknown>;
    expect(Object.keys(host).sort()).toEqual([...Object.keys(HOST_METHOD_CHANNELS), 'onNotificationClick'].sort());
  });

  it('never hands the page ipcRenderer or a generic send/invoke', () => {
    const host = fake.exposed.get(DESK_HOST_GLOBAL) as Record<string, unknown>;
    expect(Object.values(host)).not.toContain(electronModule.ipcRenderer);
    for (const name of ['invoke', 'send', 'on', 'ipcRenderer']) expect(host).not.toHaveProperty(name);
  });
});
