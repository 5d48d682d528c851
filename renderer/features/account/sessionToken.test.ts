import { describe, expect, it, vi } from 'vitest';
import type { DeskHost } from '@shared/host/deskHost';
import { forgetSessionToken, readSessionToken, saveSessionToken, SESSION_TOKEN_KEY } from './sessionToken';

/** The secret methods of a host; `refuse` makes them fail as the Electron host does without a keychain. */
function hostWith(refuse: boolean): DeskHost {
  const secrets = new Map<string, string>();
  const refusal = () => Promise.reject(new Error('Secure storage is not available on this computer (no system keychain)'));
  return {
    getSecret: vi.fn(async (key: string) => (refuse ? refusal() : secrets.get(key))),
    setSecret: vi.fn(async (key: string, value: string) => (refuse ? refusal() : void secrets.set(key, value))),
    deleteSecret: vi.fn(async (key: string) => (refuse ? refusal() : void secrets.delete(key))),
  } as unknown as DeskHost;
}

describe('session token', () => {
  it('is kept in secure storage where the host has it', async () => {
    const host = hostWith(false);
    expect(await saveSessionToken(host, 'tok-1')).toEqual({ where: 'secure-storage' });
    expect(host.setSecret).toHaveBeenCalledWith(SESSION_TOKEN_KEY, 'tok-1');
    expect(await readSessionToken(host)).toBe('tok-1');
    await forgetSessionToken(host);
    expect(await readSessionToken(host)).toBeUndefined();
  });

  it('is held in memory, with the reason, where the host refuses to store it; and forgotten on logout', async () => {
    const host = hostWith(true);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await saveSessionToken(host, 'tok-2')).toEqual({ where: 'memory', reason: expect.stringContaining('no system keychain') });
    expect(await readSessionToken(host)).toBe('tok-2');
    expect(host.getSecret).not.toHaveBeenCalled();
    await forgetSessionToken(host);
    expect(await readSessionToken(host)).toBeUndefined();
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('reads no token (signed out, not a crash) when the storage cannot be read', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await readSessionToken(hostWith(true))).toBeUndefined();
    warn.mockRestore();
  });

  it('a later token the host does store replaces the one held in memory', async () => {
    const host = hostWith(true);
    await saveSessionToken(host, 'in-memory');
    vi.mocked(host.setSecret).mockResolvedValueOnce(undefined);
    vi.mocked(host.getSecret).mockResolvedValueOnce('stored');
    expect(await saveSessionToken(host, 'stored')).toEqual({ where: 'secure-storage' });
    expect(await readSessionToken(host)).toBe('stored');
  });

  it('is separate for each host', async () => {
    const a = hostWith(true);
    await saveSessionToken(a, 'tok-a');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await readSessionToken(hostWith(true))).toBeUndefined();
    warn.mockRestore();
  });
});
