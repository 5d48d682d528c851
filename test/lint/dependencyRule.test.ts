import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** Proves the lint rule that guards the dependency rule really fires (and stays quiet when it should). */
async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('dependency rule lint', () => {
  it.each([
    ['renderer/features/x.ts', "import { createApp } from '../../server/http/createApp';\nexport const a = createApp;\n"],
    ['renderer/features/x.ts', "import { readFile } from 'node:fs/promises';\nexport const a = readFile;\n"],
    ['electron/main/x.ts', "import { DeskDb } from '../../renderer/db/deskDb';\nexport const a = DeskDb;\n"],
    ['server/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['shared/domain/x.ts', "import Dexie from 'dexie';\nexport const a = Dexie;\n"],
    ['shared/domain/x.ts', "import { join } from 'path';\nexport const a = join;\n"],
  ])('refuses %s importing across the rule', async (file, code) => {
    const messages = await restrictedImports(file, code);
    expect(messages.length).toBe(1);
    expect(messages[0]).toMatch(/dependency rule/);
  });

  it.each([
    ['renderer/features/x.ts', "import { displayName } from '@shared/domain/patron';\nexport const a = displayName;\n"],
    ['electron/main/x.ts', "import { readFile } from 'node:fs/promises';\nexport const a = readFile;\n"],
    ['server/x.ts', "import { coerceError } from '@shared/errors/deskError';\nexport const a = coerceError;\n"],
  ])('allows %s importing shared/ or its own runtime', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});
