import type { App } from 'electron';
import type { DeskTray } from './deskTray';

/** Shows the due count everywhere the platform has a place for it: the tray, and the dock / launcher badge. */
export function showDueCount(count: number, deps: { app: Pick<App, 'setBadgeCount'>; tray: DeskTray | undefined }): void {
  deps.tray?.setDueCount(count);
  // macOS dock and Unity-style Linux launchers; returns false (and does nothing) elsewhere.
  deps.app.setBadgeCount(count);
}
