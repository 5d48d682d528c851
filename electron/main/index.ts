import { join } from 'node:path';
import { app, dialog, ipcMain, safeStorage, session, type BrowserWindow } from 'electron';
import { readAppInfo } from './appInfo';
import { createDeskTray, type DeskTray } from './deskTray';
import { resolveDeskPaths } from './deskPaths';
import { showDueCount } from './dueBadge';
import { createHostHandlers } from './ipc/hostHandlers';
import { registerHostIpc } from './ipc/registerHostIpc';
import { createNotificationCenter } from './notificationCenter';
import { routeNotificationClick } from './notificationClick';
import { rendererLocation } from './rendererLocation';
import { saveFileWithDialog } from './saveFile';
import { createSecretStore } from './secretStore';
import { claimSingleInstance } from './singleInstance';
import { syncOriginsFromEnv } from './syncOrigins';
import { keepInTrayOnClose } from './window/closeToTray';
import { applyContentSecurityPolicy, buildContentSecurityPolicy } from './window/contentSecurityPolicy';
import { createMainWindow, revealWindow } from './window/mainWindow';
import { restrictPermissions } from './window/windowGuards';

// Wiring only: each piece lives in its own module and is tested there.
const APP_ID = 'org.deskdiary.app';

const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
const paths = resolveDeskPaths({
  mainDir: import.meta.dirname,
  isPackaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
  appPath: app.getAppPath(),
});
const location = rendererLocation({ rendererDir: paths.rendererDir, devServerUrl });

let mainWindow: BrowserWindow | undefined;
let tray: DeskTray | undefined;
const showMainWindow = (): void => revealWindow(mainWindow);

if (claimSingleInstance(app, showMainWindow)) {
  // Windows shows toasts only for an app with an AppUserModelID (the installer's shortcut uses the appId).
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      console.error('Desk Diary failed to start:', err);
      app.exit(1);
    });
}

function start(): void {
  const policy = buildContentSecurityPolicy({
    devServerUrl,
    connectOrigins: syncOriginsFromEnv(process.env['DESK_DIARY_SYNC_ORIGINS']),
  });
  applyContentSecurityPolicy(session.defaultSession, policy);
  restrictPermissions(session.defaultSession, location.isAppUrl);

  const notifications = createNotificationCenter({
    iconPath: paths.appIcon,
    onClick: (id) => routeNotificationClick(mainWindow, id),
  });
  const secrets = createSecretStore({ filePath: join(app.getPath('userData'), 'secrets.json'), safeStorage });
  registerHostIpc(
    ipcMain,
    createHostHandlers({
      appInfo: () => readAppInfo(app),
      notifications,
      secrets,
      saveFile: (request) =>
        saveFileWithDialog(request, {
          showSaveDialog: (options) => (mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options)),
          defaultDirectory: app.getPath('documents'),
        }),
      showDueCount: (count) => showDueCount(count, { app, tray }),
    }),
    location.isAppUrl,
  );

  // The tray exists before the renderer can ask for a due count.
  tray = createDeskTray({ iconPath: paths.trayIcon, openWindow: showMainWindow, quit: () => app.quit() });
  mainWindow = createMainWindow({ preloadPath: paths.preload, iconPath: paths.appIcon, location });
  keepInTrayOnClose(app, mainWindow);
  // macOS: clicking the dock icon while the window is hidden.
  app.on('activate', showMainWindow);
}
