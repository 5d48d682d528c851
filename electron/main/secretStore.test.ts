import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { electronModule, fake, resetFakeElectron } from '../test/fakeElectron';
import { createSecretStore } from './secretStore';

vi.mock('electron', async () => (await import('../test/fakeElectron')).electronModule);

describe('secret store', () => {
  let dir: string;
  let filePath: string;
  beforeEach(async () => {
    resetFakeElectron();
    dir = await mkdtemp(join(tmpdir(), 'desk-diary-secrets-'));
    filePath = join(dir, 'userData', 'secrets.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const store = (platform: NodeJS.Platform = 'linux') =>
    createSecretStore({ filePath, safeStorage: electronModule.safeStorage as unknown as SafeStorage, platform });

  it('round-trips a secret, stored encrypted as base64 and never in plain text', async () => {
    await store().set('session-token', 's3cret-token');
    await expect(store().get('session-token')).resolves.toBe('s3cret-token');
    const onDisk = await readFile(filePath, 'utf8');
    expect(onDisk).not.toContain('s3cret-token');
    const stored = JSON.parse(onDisk).secrets['session-token'] as string;
    expect(electronModule.safeStorage.decryptString(Buffer.from(stored, 'base64'))).toBe('s3cret-token');
  });

  it('returns undefined for a secret never stored, and after delete', async () => {
    const secrets = store();
    await expect(secrets.get('session-token')).resolves.toBeUndefined();
    await secrets.set('session-token', 'a');
    await secrets.set('sync-key', 'b');
    await secrets.delete('session-token');
    await expect(secrets.get('session-token')).resolves.toBeUndefined();
    await expect(secrets.get('sync-key')).resolves.toBe('b');
  });

  it('keeps every write when calls overlap', async () => {
    const secrets = store();
    await Promise.all([secrets.set('a', '1'), secrets.set('b', '2'), secrets.set('c', '3'), secrets.delete('b')]);
    await expect(Promise.all(['a', 'b', 'c'].map((k) => secrets.get(k)))).resolves.toEqual(['1', undefined, '3']);
  });

  it('refuses to store or read when encryption is unavailable', async () => {
    fake.encryptionAvailable = false;
    const refused = { code: 'host-unavailable', message: expect.stringContaining('Secure storage is not available') };
    await expect(store().set('session-token', 'abc')).rejects.toMatchObject(refused);
    await expect(store().get('session-token')).rejects.toMatchObject(refused);
    await expect(readFile(filePath, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it("refuses Linux's basic_text backend, which is plain text in disguise", async () => {
    fake.storageBackend = 'basic_text';
    await expect(store('linux').set('session-token', 'abc')).rejects.toMatchObject({ code: 'host-unavailable' });
    await expect(store('darwin').set('session-token', 'abc')).resolves.toBeUndefined();
  });

  it('treats an unreadable entry or a corrupt file as no secret', async () => {
    await store().set('session-token', 'abc');
    const file = JSON.parse(await readFile(filePath, 'utf8'));
    file.secrets['session-token'] = Buffer.from('garbage').toString('base64');
    await writeFile(filePath, JSON.stringify(file));
    await expect(store().get('session-token')).resolves.toBeUndefined();
    await writeFile(filePath, '{ torn');
    await expect(store().get('session-token')).resolves.toBeUndefined();
    await store().set('session-token', 'fresh');
    await expect(store().get('session-token')).resolves.toBe('fresh');
  });
});
