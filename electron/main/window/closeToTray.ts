import type { App, BrowserWindow } from 'electron';

/**
 * Closing the window hides it, so the renderer (and its reminder timer) keeps running and
 * notifications still fire; the window really closes only when the app is quitting
 * (tray Quit, Cmd+Q, logout / shutdown all emit before-quit first).
 */
export function keepInTrayOnClose(app: App, window: BrowserWindow): void {
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });
  window.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    window.hide();
  });
}
