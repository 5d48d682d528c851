import type { AppInfo, SaveFileRequest, SaveFileResult } from '@shared/host/deskHost';
import type { HostInvokeArgs, HostInvokeChannel, HostInvokeResults } from '@shared/host/hostChannels';
import type { NotificationCenter } from '../notificationCenter';
import type { SecretStore } from '../secretStore';

/**
 * One handler per IPC channel, called with the payload already validated. Typed from the
 * shared channel map, so a channel without a handler (or with the wrong result) does not compile.
 */
export type HostHandlers = {
  [C in HostInvokeChannel]: (...args: HostInvokeArgs<C>) => HostInvokeResults[C] | Promise<HostInvokeResults[C]>;
};

/** The main-process services the handlers delegate to. */
export interface HostServices {
  appInfo: () => AppInfo;
  notifications: NotificationCenter;
  saveFile: (request: SaveFileRequest) => Promise<SaveFileResult>;
  secrets: SecretStore;
  showDueCount: (count: number) => void;
}

export function createHostHandlers(services: HostServices): HostHandlers {
  return {
    'desk:app-info': () => services.appInfo(),
    'desk:notify': (notification) => services.notifications.notify(notification),
    'desk:withdraw-notification': (id) => services.notifications.withdraw(id),
    'desk:save-file': (request) => services.saveFile(request),
    'desk:get-secret': (key) => services.secrets.get(key),
    'desk:set-secret': (key, value) => services.secrets.set(key, value),
    'desk:delete-secret': (key) => services.secrets.delete(key),
    'desk:set-badge-count': (count) => services.showDueCount(count),
  };
}
