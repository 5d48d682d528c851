import { describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from './commandLine';

describe('parseCommandLine', () => {
  it('serves by default', () => {
    expect(parseCommandLine([])).toEqual({ kind: 'serve' });
    expect(parseCommandLine(['serve'])).toEqual({ kind: 'serve' });
    expect(parseCommandLine(['migrate'])).toEqual({ kind: 'migrate' });
    expect(parseCommandLine(['--help'])).toEqual({ kind: 'help' });
  });

  it('reads create-admin options, in any order and with = too', () => {
    expect(parseCommandLine(['create-admin', '--branch', 'Main library', '--username=alice', '--name', ' Alice Admin '])).toEqual({
      kind: 'create-admin',
      username: 'alice',
      displayName: 'Alice Admin',
      branch: 'Main library',
    });
  });

  it('says what is missing or unknown', () => {
    expect(() => parseCommandLine(['create-admin', '--username', 'alice'])).toThrow(/needs --name, --branch/);
    expect(() => parseCommandLine(['create-admin', '--username', 'a', '--name', 'A', '--branch', 'B', '--role', 'desk'])).toThrow(UsageError);
    expect(() => parseCommandLine(['create-admin', '--username', '   ', '--name', 'A', '--branch', 'B'])).toThrow(/needs --username/);
    expect(() => parseCommandLine(['serve', 'now'])).toThrow(/takes no arguments/);
    expect(() => parseCommandLine(['start'])).toThrow(/Unknown command "start"/);
  });
});
