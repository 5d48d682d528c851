import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDataDir } from './dataDirLock';

describe('lockDataDir', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('claims a folder with this process id and gives it back', () => {
    const dir = freshDir();
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'desk-server.pid'), 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(join(dir, 'desk-server.pid'))).toBe(false);
  });

  it('refuses a folder held by another living process, naming it and the way out', () => {
    const dir = freshDir();
    // The test runner's parent process is alive for as long as this test runs.
    writeFileSync(join(dir, 'desk-server.pid'), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(new RegExp(`pid ${process.ppid}.*DATABASE_URL`, 's'));
  });

  it('takes over a folder left behind by a process that no longer exists', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'desk-server.pid'), '2147483646');
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'desk-server.pid'), 'utf8')).toBe(String(process.pid));
    release();
  });

  it('creates the folder when it does not exist yet', () => {
    const dir = join(freshDir(), 'nested', 'data');
    lockDataDir(dir)();
    expect(existsSync(dir)).toBe(true);
  });
});
