import type { App } from 'electron';
import type { AppInfo } from '@shared/host/deskHost';

/** Name and version as packaged (package.json productName / version). */
export function readAppInfo(app: Pick<App, 'getName' | 'getVersion'>, platform: string = process.platform): AppInfo {
  return { name: app.getName(), version: app.getVersion(), host: 'electron', platform };
}
