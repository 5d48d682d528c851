import type { App } from 'electron';

/**
 * Takes the single-instance lock. A second launch (double-clicking the icon while the window
 * sits in the tray) reveals the running window instead of opening a second diary on the same
 * data. Returns false when another instance already runs; this one then quits.
 */
export function claimSingleInstance(app: App, revealExisting: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => revealExisting());
  return true;
}
