import type { BrowserWindow } from 'electron';
import { HOST_EVENTS } from '@shared/host/hostChannels';
import { revealWindow } from './window/mainWindow';

/**
 * A click on one of our notifications brings the diary forward (even from the tray) and tells
 * the renderer which notification it was, so it opens that follow-up.
 */
export function routeNotificationClick(window: BrowserWindow | undefined, notificationId: string): void {
  if (!window || window.isDestroyed()) return;
  revealWindow(window);
  window.webContents.send(HOST_EVENTS.notificationClicked, notificationId);
}
