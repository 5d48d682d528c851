import { describe, expect, it } from 'vitest';
import { resolveDeskPaths } from './deskPaths';

describe('resolveDeskPaths', () => {
  it('finds the bundles beside out/main and the icons in build/ when unpackaged', () => {
    expect(resolveDeskPaths({ mainDir: '/repo/out/main', isPackaged: false, resourcesPath: '', appPath: '/repo' })).toEqual({
      preload: '/repo/out/preload/index.cjs',
      rendererDir: '/repo/out/renderer',
      appIcon: '/repo/build/icon.png',
      trayIcon: '/repo/build/tray.png',
    });
  });

  it('finds the icons among the resources when packaged', () => {
    const paths = resolveDeskPaths({
      mainDir: '/opt/Desk Diary/resources/app.asar/out/main',
      isPackaged: true,
      resourcesPath: '/opt/Desk Diary/resources',
      appPath: '/opt/Desk Diary/resources/app.asar',
    });
    expect(paths.preload).toBe('/opt/Desk Diary/resources/app.asar/out/preload/index.cjs');
    expect(paths.trayIcon).toBe('/opt/Desk Diary/resources/icons/tray.png');
  });
});
