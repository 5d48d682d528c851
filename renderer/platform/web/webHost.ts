import type { AppInfo, DeskHost, DeskNotification, SaveFileRequest, SaveFileResult } from '@shared/host/deskHost';

const SECRET_PREFIX = 'desk-diary.secret.';

/**
 * The browser implementation of DeskHost: Web Notifications, Blob downloads, and
 * localStorage for secrets. A browser has no OS keychain, so a secret here is only as
 * safe as this origin's storage; the Electron host encrypts with safeStorage instead.
 */
export function createWebHost(win: Window & typeof globalThis = window): DeskHost {
  const shown = new Map<string, Notification>();
  const clickListeners = new Set<(id: string) => void>();
  const baseTitle = win.document.title;

  async function notificationPermission(): Promise<NotificationPermission> {
    if (!('Notification' in win)) return 'denied';
    if (win.Notification.permission !== 'default') return win.Notification.permission;
    return win.Notification.requestPermission();
  }

  return {
    async appInfo(): Promise<AppInfo> {
      return { name: 'Desk Diary', version: import.meta.env.VITE_APP_VERSION ?? '0.0.0', host: 'web', platform: win.navigator.userAgent };
    },
    async notify(n: DeskNotification): Promise<void> {
      if ((await notificationPermission()) !== 'granted') return;
      shown.get(n.id)?.close();
      const notification = new win.Notification(n.title, { body: n.body, tag: n.id, requireInteraction: n.urgency === 'critical' });
      notification.onclick = () => {
        win.focus();
        for (const listener of clickListeners) listener(n.id);
      };
      notification.onclose = () => {
        if (shown.get(n.id) === notification) shown.delete(n.id);
      };
      shown.set(n.id, notification);
    },
    async withdrawNotification(id: string): Promise<void> {
      shown.get(id)?.close();
      shown.delete(id);
    },
    async saveFile(request: SaveFileRequest): Promise<SaveFileResult> {
      const blob = new Blob([request.data as BlobPart], { type: request.mimeType });
      const url = URL.createObjectURL(blob);
      const link = win.document.createElement('a');
      link.href = url;
      link.download = request.suggestedName;
      link.rel = 'noopener';
      win.document.body.append(link);
      link.click();
      link.remove();
      // Revoke later: the download starts asynchronously and needs the URL until then.
      win.setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return { saved: true, location: `Downloads/${request.suggestedName}` };
    },
    async getSecret(key: string): Promise<string | undefined> {
      return win.localStorage.getItem(SECRET_PREFIX + key) ?? undefined;
    },
    async setSecret(key: string, value: string): Promise<void> {
      win.localStorage.setItem(SECRET_PREFIX + key, value);
    },
    async deleteSecret(key: string): Promise<void> {
      win.localStorage.removeItem(SECRET_PREFIX + key);
    },
    async setBadgeCount(count: number): Promise<void> {
      win.document.title = count > 0 ? `(${count}) ${baseTitle}` : baseTitle;
      const nav = win.navigator as Navigator & { setAppBadge?: (n: number) => Promise<void>; clearAppBadge?: () => Promise<void> };
      await (count > 0 ? nav.setAppBadge?.(count) : nav.clearAppBadge?.())?.catch(() => undefined);
    },
    onNotificationClick(listener: (id: string) => void): () => void {
      clickListeners.add(listener);
      return () => clickListeners.delete(listener);
    },
  } satisfies DeskHost;
}
