import type { DeskHost } from './deskHost';

/** Events the main process sends to the renderer. */
export const HOST_EVENTS = {
  notificationClicked: 'desk:notification-clicked',
} as const;

/** Which channel serves which DeskHost method (the preload's routing table). */
export const HOST_METHOD_CHANNELS = {
  appInfo: 'desk:app-info',
  notify: 'desk:notify',
  withdrawNotification: 'desk:withdraw-notification',
  saveFile: 'desk:save-file',
  getSecret: 'desk:get-secret',
  setSecret: 'desk:set-secret',
  deleteSecret: 'desk:delete-secret',
  setBadgeCount: 'desk:set-badge-count',
} as const satisfies Record<Exclude<keyof DeskHost, 'onNotificationClick'>, string>;

/** Every IPC channel the renderer may invoke. */
export type HostInvokeChannel = (typeof HOST_METHOD_CHANNELS)[keyof typeof HOST_METHOD_CHANNELS];

/** The name under which the preload exposes the host on window. */
export const DESK_HOST_GLOBAL = 'deskHost';
