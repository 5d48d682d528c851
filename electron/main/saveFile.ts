import { writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { FileFilter, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import type { SaveFileRequest, SaveFileResult } from '@shared/host/deskHost';

export interface SaveFileDeps {
  /** dialog.showSaveDialog bound to the main window, so the dialog is modal to it. */
  showSaveDialog: (options: SaveDialogOptions) => Promise<SaveDialogReturnValue>;
  /** Where the dialog starts (the user's Documents folder). */
  defaultDirectory: string;
  writeFile?: (path: string, data: string | Uint8Array) => Promise<void>;
}

/** Asks the user where to save, then writes the file there; a cancelled dialog is a result, not an error. */
export async function saveFileWithDialog(request: SaveFileRequest, deps: SaveFileDeps): Promise<SaveFileResult> {
  const choice = await deps.showSaveDialog({
    title: 'Save file',
    defaultPath: join(deps.defaultDirectory, request.suggestedName),
    filters: fileFilters(request.suggestedName),
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (choice.canceled || !choice.filePath) return { saved: false, reason: 'cancelled' };
  const write = deps.writeFile ?? writeUtf8OrBytes;
  await write(choice.filePath, request.data);
  return { saved: true, location: choice.filePath };
}

function writeUtf8OrBytes(path: string, data: string | Uint8Array): Promise<void> {
  return typeof data === 'string' ? writeFile(path, data, 'utf8') : writeFile(path, data);
}

/** Offers the suggested file's own type first, so the extension survives a renamed file. */
export function fileFilters(suggestedName: string): FileFilter[] {
  const extension = extname(suggestedName).slice(1);
  const all: FileFilter = { name: 'All files', extensions: ['*'] };
  return extension ? [{ name: `${extension.toUpperCase()} file`, extensions: [extension] }, all] : [all];
}
