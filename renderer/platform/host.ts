import type { DeskHost } from '@shared/host/deskHost';
import { DESK_HOST_GLOBAL } from '@shared/host/hostChannels';
import { createWebHost } from './web/webHost';

/** The Electron preload exposes its host on window; anywhere else the web host serves. */
export function resolveDeskHost(win: Window & typeof globalThis = window): DeskHost {
  const exposed = (win as unknown as Record<string, DeskHost | undefined>)[DESK_HOST_GLOBAL];
  return exposed ?? createWebHost(win);
}
