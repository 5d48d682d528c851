import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import type { RendererLocation } from '../rendererLocation';
import { guardNavigation } from './windowGuards';

export interface MainWindowOptions {
  preloadPath: string;
  iconPath: string;
  location: RendererLocation;
}

/** The hardened web preferences every Desk Diary window gets. */
export function mainWindowOptions({ preloadPath, iconPath }: Omit<MainWindowOptions, 'location'>): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 520,
    title: 'Desk Diary',
    icon: iconPath,
    // Shown on ready-to-show, so the user never sees an empty white frame.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: true,
      // Reminders are timers in the renderer: they must keep firing while the window is hidden in the tray.
      backgroundThrottling: false,
    },
  };
}

/** Creates the main window, guards its navigation and loads the renderer. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(options));
  guardNavigation(window.webContents, (url) => options.location.isAppUrl(url));
  window.once('ready-to-show', () => window.show());
  const { entry } = options.location;
  const loading = entry.kind === 'url' ? window.loadURL(entry.url) : window.loadFile(entry.path);
  loading.catch((err: unknown) => {
    console.error('Desk Diary could not load its window:', err);
  });
  return window;
}

/** Brings the window to the front: from the tray, a notification click or a second launch. */
export function revealWindow(window: BrowserWindow | undefined): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
