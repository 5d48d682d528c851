import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/**
 * A stand-in for the `electron` module (there is no Electron binary here). It records what the
 * code under test asks of Electron, so tests can assert on window options, IPC handlers,
 * notifications, the tray, dialogs and safeStorage. Use it from a test file with
 *
 *   vi.mock('electron', async () => (await import('../test/fakeElectron')).electronModule);
 *
 * and call `resetFakeElectron()` in beforeEach. Only the API the app uses is modelled.
 */

/** The event object Electron passes to cancellable listeners. */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(): FakeEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class FakeWebContents extends EventEmitter {
  url = '';
  windowOpenHandler: WindowOpenHandler | undefined;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  getURL(): string {
    return this.url;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  visible = false;
  minimized = false;
  focused = false;
  destroyed = false;
  loaded: { url?: string; file?: string } = {};

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loaded = { url };
    this.webContents.url = url;
    return Promise.resolve();
  }
  loadFile(file: string): Promise<void> {
    this.loaded = { file };
    this.webContents.url = `file://${file}`;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
    this.focused = false;
  }
  focus(): void {
    this.focused = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** What the OS does when the user clicks the close button: emit a cancellable 'close'. */
  userCloses(): FakeEvent {
    const event = fakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroyed = true;
    return event;
  }
}

export class FakeNotification extends EventEmitter {
  static readonly instances: FakeNotification[] = [];
  static supported = true;
  static readonly removedIds: string[] = [];
  shown = false;
  closed = false;

  constructor(readonly options: { id?: string; title?: string; body?: string; urgency?: string; timeoutType?: string }) {
    super();
    FakeNotification.instances.push(this);
  }
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  static remove(id: string | string[]): void {
    FakeNotification.removedIds.push(...(Array.isArray(id) ? id : [id]));
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close', fakeEvent());
  }
}

interface FakeMenuItem {
  label?: string;
  type?: string;
  enabled?: boolean;
  click?: () => void;
}

export class FakeTray extends EventEmitter {
  static readonly instances: FakeTray[] = [];
  toolTip = '';
  title = '';
  menu: FakeMenuItem[] = [];
  destroyed = false;

  constructor(readonly image: unknown) {
    super();
    FakeTray.instances.push(this);
  }
  setToolTip(text: string): void {
    this.toolTip = text;
  }
  setTitle(text: string): void {
    this.title = text;
  }
  setContextMenu(menu: { items: FakeMenuItem[] }): void {
    this.menu = menu.items;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

/** A reversible stand-in for OS encryption: never plain text, so a test can tell. */
function fakeEncrypt(text: string): Buffer {
  return Buffer.from(`enc:${Buffer.from(text, 'utf8').toString('hex')}`, 'utf8');
}
function fakeDecrypt(buffer: Buffer): string {
  const text = buffer.toString('utf8');
  if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
  return Buffer.from(text.slice(4), 'hex').toString('utf8');
}

export class FakeApp extends EventEmitter {
  isPackaged = false;
  /** Whether requestSingleInstanceLock succeeds (false = another instance is running). */
  hasLock = true;
  quitting = false;
  getName = (): string => 'Desk Diary';
  getVersion = (): string => '0.1.0';
  getPath = vi.fn((name: string) => `/fake/${name}`);
  getAppPath = (): string => '/fake/app';
  requestSingleInstanceLock = vi.fn(() => this.hasLock);
  /** Like Electron: before-quit first, then the windows close. */
  quit = vi.fn(() => {
    this.quitting = true;
    this.emit('before-quit', fakeEvent());
  });
  exit = vi.fn();
  setBadgeCount = vi.fn((_count?: number) => true);
  setAppUserModelId = vi.fn();
  whenReady = vi.fn(() => Promise.resolve());
}

function createFakeSession() {
  return {
    headersListener: undefined as undefined | ((details: unknown, callback: (response: unknown) => void) => void),
    permissionRequestHandler: undefined as undefined | ((...args: unknown[]) => void),
    permissionCheckHandler: undefined as undefined | ((...args: unknown[]) => boolean),
    webRequest: {
      onHeadersReceived(listener: (details: unknown, callback: (response: unknown) => void) => void) {
        fake.session.headersListener = listener;
      },
    },
    setPermissionRequestHandler(handler: (...args: unknown[]) => void) {
      fake.session.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: (...args: unknown[]) => boolean) {
      fake.session.permissionCheckHandler = handler;
    },
  };
}

function createFakeState() {
  return {
    app: new FakeApp(),
    session: createFakeSession(),
    ipcHandlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
    rendererListeners: new Map<string, Set<(...args: unknown[]) => void>>(),
    exposed: new Map<string, unknown>(),
    encryptionAvailable: true,
    storageBackend: 'gnome_libsecret' as string,
  };
}

/** Everything the fake has recorded; replaced wholesale by resetFakeElectron(). */
export let fake = createFakeState();

export function resetFakeElectron(): void {
  fake = createFakeState();
  FakeBrowserWindow.instances.length = 0;
  FakeNotification.instances.length = 0;
  FakeNotification.removedIds.length = 0;
  FakeNotification.supported = true;
  FakeTray.instances.length = 0;
  electronModule.shell.openExternal.mockClear();
  electronModule.dialog.showSaveDialog.mockReset();
  electronModule.ipcRenderer.invoke.mockReset();
}

/** The module object `vi.mock('electron', ...)` should return. */
export const electronModule = {
  // Getters, so modules that imported `app` once still see the state of the current test.
  get app() {
    return fake.app;
  },
  get session() {
    return { defaultSession: fake.session };
  },
  BrowserWindow: FakeBrowserWindow,
  Notification: FakeNotification,
  Tray: FakeTray,
  Menu: { buildFromTemplate: (items: FakeMenuItem[]) => ({ items }) },
  nativeImage: { createFromPath: (path: string) => ({ path, isEmpty: () => false }) },
  shell: { openExternal: vi.fn((_url: string) => Promise.resolve()) },
  dialog: { showSaveDialog: vi.fn() },
  ipcMain: {
    handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) {
      if (fake.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      fake.ipcHandlers.set(channel, handler);
    },
    removeHandler(channel: string) {
      fake.ipcHandlers.delete(channel);
    },
  },
  safeStorage: {
    isEncryptionAvailable: () => fake.encryptionAvailable,
    getSelectedStorageBackend: () => fake.storageBackend,
    encryptString: (text: string) => fakeEncrypt(text),
    decryptString: (buffer: Buffer) => fakeDecrypt(buffer),
  },
  contextBridge: {
    exposeInMainWorld(key: string, api: unknown) {
      fake.exposed.set(key, api);
    },
  },
  ipcRenderer: {
    invoke: vi.fn(),
    on(channel: string, listener: (...args: unknown[]) => void) {
      const listeners = fake.rendererListeners.get(channel) ?? new Set();
      listeners.add(listener);
      fake.rendererListeners.set(channel, listeners);
      return electronModule.ipcRenderer;
    },
    removeListener(channel: string, listener: (...args: unknown[]) => void) {
      fake.rendererListeners.get(channel)?.delete(listener);
      return electronModule.ipcRenderer;
    },
  },
};

/** Delivers a main → renderer message to the preload's listeners, as ipcRenderer would. */
export function emitToRenderer(channel: string, ...args: unknown[]): void {
  for (const listener of fake.rendererListeners.get(channel) ?? []) listener({ sender: 'ipc-event' }, ...args);
}

/** Calls a registered ipcMain handler the way a renderer's invoke would, from a frame at `frameUrl`. */
export function invokeFromRenderer(channel: string, frameUrl: string | null, ...args: unknown[]): Promise<unknown> {
  const handler = fake.ipcHandlers.get(channel);
  if (!handler) throw new Error(`No handler registered for ${channel}`);
  return Promise.resolve(handler({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, ...args));
}
