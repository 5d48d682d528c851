import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SaveDialogOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fileFilters, saveFileWithDialog } from './saveFile';

describe('saveFileWithDialog', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'desk-diary-save-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes text as UTF-8 to the path the user chose', async () => {
    const chosen = join(dir, 'overdue follow-ups.csv');
    const showSaveDialog = vi.fn(async (_options: SaveDialogOptions) => ({ canceled: false, filePath: chosen }));
    const result = await saveFileWithDialog(
      { suggestedName: 'follow-ups.csv', mimeType: 'text/csv', data: 'name,due\nZoë,today\n' },
      { showSaveDialog, defaultDirectory: '/home/staff/Documents' },
    );
    expect(result).toEqual({ saved: true, location: chosen });
    await expect(readFile(chosen, 'utf8')).resolves.toBe('name,due\nZoë,today\n');
    expect(showSaveDialog.mock.calls[0]?.[0]).toMatchObject({
      defaultPath: '/home/staff/Documents/follow-ups.csv',
      filters: [{ name: 'CSV file', extensions: ['csv'] }, { name: 'All files', extensions: ['*'] }],
    });
  });

  it('writes bytes as they are', async () => {
    const chosen = join(dir, 'export.bin');
    const bytes = new Uint8Array([0, 255, 10, 13]);
    await saveFileWithDialog(
      { suggestedName: 'export.bin', mimeType: 'application/octet-stream', data: bytes },
      { showSaveDialog: async () => ({ canceled: false, filePath: chosen }), defaultDirectory: dir },
    );
    expect(new Uint8Array(await readFile(chosen))).toEqual(bytes);
  });

  it('returns cancelled and writes nothing when the dialog is cancelled', async () => {
    const writeFile = vi.fn();
    const result = await saveFileWithDialog(
      { suggestedName: 'a.csv', mimeType: 'text/csv', data: 'x' },
      { showSaveDialog: async () => ({ canceled: true, filePath: '' }), defaultDirectory: dir, writeFile },
    );
    expect(result).toEqual({ saved: false, reason: 'cancelled' });
    expect(writeFile).not.toHaveBeenCalled();
  });

  it('offers only "All files" for a name without an extension', () => {
    expect(fileFilters('notes')).toEqual([{ name: 'All files', extensions: ['*'] }]);
  });
});
