import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The real programs the export tests check files with. A missing one fails the test with
 * the Debian package to install: a silently skipped check would let a broken export ship.
 */
async function requireProgram(program: string, debianPackage: string): Promise<void> {
  try {
    await run('sh', ['-c', `command -v ${program}`]);
  } catch {
    throw new Error(`${program} is not installed: apt-get install ${debianPackage} (the export tests open the files in it; .ci/run installs it)`);
  }
}

/** Gives `work` a fresh temporary folder and removes it afterwards. */
async function inTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'desk-export-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Opens a file in LibreOffice Calc headless and saves its first sheet as CSV (comma,
 * double quote, UTF-8: filter options 44,34,76), as a spreadsheet user would see it.
 * `importFilter` is LibreOffice's --infilter, e.g. 'CSV:44,34,76,1' for our CSV.
 * Each call has its own LibreOffice profile: two runs sharing one would refuse to start.
 */
export async function convertWithLibreOffice(bytes: Uint8Array, extension: 'csv' | 'xlsx', importFilter?: string): Promise<string> {
  await requireProgram('soffice', 'libreoffice-calc-nogui');
  return inTempDir(async (dir) => {
    const input = join(dir, `in.${extension}`);
    const outDir = join(dir, 'out');
    await writeFile(input, bytes);
    await run('soffice', [
      `-env:UserInstallation=file://${join(dir, 'profile')}`,
      '--headless',
      '--norestore',
      ...(importFilter ? [`--infilter=${importFilter}`] : []),
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1',
      '--outdir',
      outDir,
      input,
    ], { timeout: 90_000 });
    return readFile(join(outDir, 'in.csv'), 'utf8');
  });
}

/** The text of a PDF as pdftotext -layout lays it out. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  await requireProgram('pdftotext', 'poppler-utils');
  return inTempDir(async (dir) => {
    const input = join(dir, 'in.pdf');
    await writeFile(input, bytes);
    const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', input, '-'], { timeout: 60_000 });
    return stdout;
  });
}
