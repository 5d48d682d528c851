import { shell, type Session, type WebContents } from 'electron';

// Links the user may follow out of the app, opened in their own browser / mail program.
// mailto: is here because patron records carry e-mail addresses staff click on.
const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

// Electron's Notification needs no web permission; the web Notification API in the renderer
// does, and copying a phone number to the clipboard is the only other thing a desk needs.
const GRANTED_PERMISSIONS = new Set(['notifications', 'clipboard-sanitized-write']);

/** Opens a link in the user's browser when it is a kind we let out of the app; reports whether it did. */
export function openExternally(url: string, openExternal: (url: string) => Promise<void> = shell.openExternal): boolean {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return false;
  }
  if (!EXTERNAL_PROTOCOLS.has(protocol)) return false;
  openExternal(url).catch(() => undefined);
  return true;
}

/**
 * The window only ever shows the app: navigating elsewhere is cancelled (web links go to the
 * browser instead) and window.open never creates an Electron window.
 */
export function guardNavigation(webContents: WebContents, isAppUrl: (url: string) => boolean): void {
  webContents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openExternally(url);
  });
  webContents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  webContents.on('will-attach-webview', (event) => event.preventDefault());
  webContents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}

/** Denies every web permission except the few in GRANTED_PERMISSIONS, and those only to the app itself. */
export function restrictPermissions(session: Session, isAppUrl: (url: string) => boolean): void {
  session.setPermissionRequestHandler((webContents, permission, callback) => {
    callback(GRANTED_PERMISSIONS.has(permission) && isAppUrl(webContents.getURL()));
  });
  session.setPermissionCheckHandler((webContents, permission) => {
    return GRANTED_PERMISSIONS.has(permission) && webContents !== null && isAppUrl(webContents.getURL());
  });
}
