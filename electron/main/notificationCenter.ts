import { Notification } from 'electron';
import { DeskError } from '@shared/errors/deskError';
import type { DeskNotification } from '@shared/host/deskHost';

export interface NotificationCenter {
  /** Shows a notification, replacing the one with the same id. */
  notify(notification: DeskNotification): void;
  /** Takes a notification back; unknown ids are ignored (it may already be gone). */
  withdraw(id: string): void;
}

export interface NotificationCenterOptions {
  /** Called with the DeskNotification id when the user clicks it. */
  onClick: (id: string) => void;
  iconPath?: string;
  platform?: NodeJS.Platform;
}

/**
 * OS notifications keyed by the renderer's id (the follow-up id). The map also keeps each
 * Notification referenced: one that is garbage-collected loses its click handler.
 */
export function createNotificationCenter(options: NotificationCenterOptions): NotificationCenter {
  const shown = new Map<string, Notification>();
  const platform = options.platform ?? process.platform;

  const withdraw = (id: string): void => {
    const existing = shown.get(id);
    shown.delete(id);
    existing?.close();
    // A toast already moved to the Action Center / Notification Center is gone from our
    // object but still visible; remove it by its OS identifier too.
    if (platform === 'win32' || platform === 'darwin') Notification.remove(id);
  };

  const notify = (request: DeskNotification): void => {
    if (!Notification.isSupported()) {
      throw new DeskError('host-unavailable', 'This system cannot show desktop notifications.');
    }
    withdraw(request.id);
    const critical = request.urgency === 'critical';
    const notification = new Notification({
      id: request.id,
      title: request.title,
      body: request.body,
      urgency: critical ? 'critical' : 'normal',
      timeoutType: critical ? 'never' : 'default',
      ...(options.iconPath ? { icon: options.iconPath } : {}),
    });
    notification.on('click', () => options.onClick(request.id));
    notification.on('close', () => {
      // A replaced notification closes after its successor is in the map: leave the successor alone.
      if (shown.get(request.id) === notification) shown.delete(request.id);
    });
    shown.set(request.id, notification);
    notification.show();
  };

  return { notify, withdraw };
}
