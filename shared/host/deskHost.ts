import type { DeskErrorShape } from '../errors/deskError';

/** What the renderer needs from the machine it runs on. Implemented by Electron preload and the web host. */
export interface DeskHost {
  /** Name, version and which host this is. */
  appInfo(): Promise<AppInfo>;
  /** Shows an OS notification (replacing one with the same id). */
  notify(notification: DeskNotification): Promise<void>;
  /** Takes back a notification that is no longer true (done, claimed elsewhere). */
  withdrawNotification(id: string): Promise<void>;
  /** Saves a file the user names (Electron: save dialog; web: a download). */
  saveFile(request: SaveFileRequest): Promise<SaveFileResult>;
  /** Reads a secret (e.g. a session token); undefined when none is stored. */
  getSecret(key: string): Promise<string | undefined>;
  /** Stores a secret encrypted where the platform can (Electron safeStorage). */
  setSecret(key: string, value: string): Promise<void>;
  deleteSecret(key: string): Promise<void>;
  /** The due count on the tray / dock / taskbar; 0 clears it. */
  setBadgeCount(count: number): Promise<void>;
  /** Subscribes to clicks on our notifications; returns the unsubscribe function. */
  onNotificationClick(listener: (notificationId: string) => void): () => void;
}

export type HostKind = 'electron' | 'web';

export interface AppInfo {
  name: string;
  version: string;
  host: HostKind;
  platform: string;
}

export interface DeskNotification {
  /** Stable id (e.g. the follow-up id) so a later notify or withdraw addresses the same popup. */
  id: string;
  title: string;
  body: string;
  /** Critical notifications stay on screen until acted on where the OS allows. */
  urgency?: 'normal' | 'critical';
}

export interface SaveFileRequest {
  suggestedName: string;
  mimeType: string;
  /** Text is written as UTF-8; bytes as they are. */
  data: string | Uint8Array;
}

export type SaveFileResult = { saved: true; location: string } | { saved: false; reason: 'cancelled' };

/** What an IPC call resolves to: errors are values, so their code and fields survive the boundary. */
export type HostResult<T> = { ok: true; value: T } | { ok: false; error: DeskErrorShape };
