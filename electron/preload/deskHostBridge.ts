import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { DeskErrorShape } from '@shared/errors/deskError';
import type { DeskHost, HostResult } from '@shared/host/deskHost';
import { HOST_EVENTS, HOST_METHOD_CHANNELS, type HostInvokeChannel } from '@shared/host/hostChannelNames';
// Types only: the zod schemas behind them must not be bundled into the sandboxed preload.
import type { HostInvokeArgs, HostInvokeResults } from '@shared/host/hostChannels';

/**
 * The error a DeskHost method rejects with: the main process's DeskError, rebuilt on this side.
 * Note: contextBridge copies only `message` of an Error into the page, so `code` and `issues`
 * are visible to preload-side callers (and tests) but not to the renderer.
 */
export class DeskHostError extends Error {
  readonly code: DeskErrorShape['code'];
  readonly issues: NonNullable<DeskErrorShape['issues']>;

  constructor(shape: DeskErrorShape) {
    super(shape.message);
    this.name = 'DeskHostError';
    this.code = shape.code;
    this.issues = shape.issues ?? [];
  }
}

type Invoker = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/**
 * The DeskHost the preload exposes: one method per contract method, each bound to its one
 * fixed channel. The page never gets ipcRenderer itself, so it cannot reach any other channel.
 */
export function createDeskHostBridge(ipc: Invoker): DeskHost {
  const call = async <C extends HostInvokeChannel>(channel: C, ...args: HostInvokeArgs<C>): Promise<HostInvokeResults[C]> => {
    const result = (await ipc.invoke(channel, ...args)) as HostResult<HostInvokeResults[C]>;
    if (!result.ok) throw new DeskHostError(result.error);
    return result.value;
  };

  return {
    appInfo: () => call(HOST_METHOD_CHANNELS.appInfo),
    notify: (notification) => call(HOST_METHOD_CHANNELS.notify, notification),
    withdrawNotification: (id) => call(HOST_METHOD_CHANNELS.withdrawNotification, id),
    saveFile: (request) => call(HOST_METHOD_CHANNELS.saveFile, request),
    getSecret: (key) => call(HOST_METHOD_CHANNELS.getSecret, key),
    setSecret: (key, value) => call(HOST_METHOD_CHANNELS.setSecret, key, value),
    deleteSecret: (key) => call(HOST_METHOD_CHANNELS.deleteSecret, key),
    setBadgeCount: (count) => call(HOST_METHOD_CHANNELS.setBadgeCount, count),
    onNotificationClick: (listener) => {
      // Only the id crosses over: the IPC event object (with its sender) stays in the preload.
      const forward = (_event: IpcRendererEvent, notificationId: unknown): void => {
        if (typeof notificationId === 'string') listener(notificationId);
      };
      ipc.on(HOST_EVENTS.notificationClicked, forward);
      return () => {
        ipc.removeListener(HOST_EVENTS.notificationClicked, forward);
      };
    },
  } satisfies DeskHost;
}
