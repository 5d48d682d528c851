import type { DeskHost } from '@shared/host/deskHost';

/** The key under which the session token is kept in DeskHost secret storage. */
export const SESSION_TOKEN_KEY = 'session-token';

/**
 * Tokens the host could not store, held for this run of the app only. The Electron host
 * refuses to write secrets where the computer has no keychain (a Linux desk without a
 * keyring), rather than leave a usable token in plain text on a shared PC; the desk then
 * still works, and asks for the password again after a restart. Keyed by host, so tests
 * (each with their own fake host) never see each other's tokens.
 */
const heldInMemory = new WeakMap<DeskHost, string>();

/** Where a token was kept: in the host's secret storage, or in memory only (and why). */
export type KeptToken = { where: 'secure-storage' } | { where: 'memory'; reason: string };

export async function saveSessionToken(host: DeskHost, token: string): Promise<KeptToken> {
  try {
    await host.setSecret(SESSION_TOKEN_KEY, token);
    heldInMemory.delete(host);
    return { where: 'secure-storage' };
  } catch (err) {
    // Any refusal, not only "no keychain": across the Electron bridge only an error's message
    // survives (electron/preload/deskHostBridge.ts), so the reason is shown, not classified.
    heldInMemory.set(host, token);
    return { where: 'memory', reason: err instanceof Error ? err.message : String(err) };
  }
}

/** The token to send: the one held in memory, else the stored one; none if storage cannot be read. */
export async function readSessionToken(host: DeskHost): Promise<string | undefined> {
  const held = heldInMemory.get(host);
  if (held !== undefined) return held;
  try {
    return await host.getSecret(SESSION_TOKEN_KEY);
  } catch (err) {
    // Unreadable storage is a signed-out desk (the sync status offers "Log in again"), not a crash.
    console.warn('session token: secret storage unreadable', err);
    return undefined;
  }
}

export async function forgetSessionToken(host: DeskHost): Promise<void> {
  heldInMemory.delete(host);
  try {
    await host.deleteSecret(SESSION_TOKEN_KEY);
  } catch (err) {
    // Nothing was stored where storage is refused; a failed delete leaves a token the server has already ended.
    console.warn('session token: could not delete the stored token', err);
  }
}
