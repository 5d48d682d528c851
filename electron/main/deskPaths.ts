import { join, resolve } from 'node:path';

export interface DeskPaths {
  /** out/preload/index.cjs: CommonJS, because sandboxed preloads cannot be ES modules. */
  preload: string;
  /** out/renderer: the built renderer, the only file:// pages the app trusts. */
  rendererDir: string;
  /** The 512 px app icon (window icon on Linux, notification icon). */
  appIcon: string;
  /** The small tray icon; tray@2x.png beside it is picked up on high-DPI screens. */
  trayIcon: string;
}

export interface DeskPathsInput {
  /** The folder of the running main bundle: out/main. */
  mainDir: string;
  isPackaged: boolean;
  /** process.resourcesPath: where electron-builder's extraResources land. */
  resourcesPath: string;
  /** app.getAppPath(): the project root when running unpackaged. */
  appPath: string;
}

/** Where the built pieces and icons are, unpackaged (electron-vite preview/dev) and packaged. */
export function resolveDeskPaths(input: DeskPathsInput): DeskPaths {
  const outDir = resolve(input.mainDir, '..');
  // Icons are not bundled by Vite: packaged they are extraResources, unpackaged they sit in build/.
  const iconDir = input.isPackaged ? join(input.resourcesPath, 'icons') : join(input.appPath, 'build');
  return {
    preload: join(outDir, 'preload', 'index.cjs'),
    rendererDir: join(outDir, 'renderer'),
    appIcon: join(iconDir, 'icon.png'),
    trayIcon: join(iconDir, 'tray.png'),
  };
}
