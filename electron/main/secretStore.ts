import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SafeStorage } from 'electron';
import { DeskError } from '@shared/errors/deskError';

export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface SecretStoreOptions {
  /** A JSON file in userData: { "version": 1, "secrets": { key: base64 ciphertext } }. */
  filePath: string;
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;
  platform?: NodeJS.Platform;
}

interface SecretFile {
  version: 1;
  secrets: Record<string, string>;
}

/**
 * Secrets (the session token) encrypted with the OS keychain via safeStorage. Without a real
 * keychain it refuses: the renderer then keeps the token in memory only, which is better than
 * leaving a usable token in plain text on a shared desk PC.
 */
export function createSecretStore(options: SecretStoreOptions): SecretStore {
  const { filePath, safeStorage } = options;
  const platform = options.platform ?? process.platform;
  // Writes run one after another so a set and a delete racing each other cannot drop either.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const requireEncryption = (): void => {
    // On Linux without a keyring, safeStorage "encrypts" with a fixed, public key (basic_text).
    const plainTextOnly = platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
    if (!safeStorage.isEncryptionAvailable() || plainTextOnly) {
      throw new DeskError(
        'host-unavailable',
        'Secure storage is not available on this computer (no system keychain), so Desk Diary will not save secrets to disk.',
      );
    }
  };

  const update = (change: (secrets: Record<string, string>) => void): Promise<void> =>
    serially(async () => {
      const file = await readSecretFile(filePath);
      change(file.secrets);
      await writeSecretFile(filePath, file);
    });

  return {
    async get(key) {
      requireEncryption();
      const stored = (await readSecretFile(filePath)).secrets[key];
      if (stored === undefined) return undefined;
      try {
        return safeStorage.decryptString(Buffer.from(stored, 'base64'));
      } catch {
        // Encrypted under another OS account or a reset keychain: unreadable, so as good as absent.
        return undefined;
      }
    },
    async set(key, value) {
      requireEncryption();
      const encrypted = safeStorage.encryptString(value).toString('base64');
      await update((secrets) => {
        secrets[key] = encrypted;
      });
    },
    async delete(key) {
      await update((secrets) => {
        delete secrets[key];
      });
    },
  };
}

async function readSecretFile(filePath: string): Promise<SecretFile> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptySecretFile();
    throw err;
  }
  try {
    const parsed = JSON.parse(text) as Partial<SecretFile>;
    return parsed.version === 1 && parsed.secrets && typeof parsed.secrets === 'object'
      ? { version: 1, secrets: { ...parsed.secrets } }
      : emptySecretFile();
  } catch {
    // A torn or hand-edited file holds nothing we could decrypt reliably; staff just sign in again.
    return emptySecretFile();
  }
}

// Written to a temporary file and renamed over the old one, so a crash mid-write leaves the old file whole.
async function writeSecretFile(filePath: string, file: SecretFile): Promise<void> {
  await mkdir(dirname(filePath), { recursive: true });
  const temporary = `${filePath}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(file, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
  await rename(temporary, filePath);
}

function emptySecretFile(): SecretFile {
  return { version: 1, secrets: {} };
}
