import { parseArgs } from 'node:util';

export type Command =
  | { kind: 'serve' }
  | { kind: 'migrate' }
  | { kind: 'create-admin'; username: string; displayName: string; branch: string }
  | { kind: 'help' };

export const USAGE = `Desk Diary server

  npm run server                          start the server (PORT, HOST, DATABASE_URL or DESK_DATA_DIR)
  npm run server -- migrate               bring the database schema up to date and exit
  npm run server -- create-admin --username alice --name "Alice Admin" --branch "Main library"
                                          create an administrator; the password comes from
                                          DESK_ADMIN_PASSWORD or is asked for (not echoed)
  npm run server -- help                  this text

The database: PostgreSQL when DATABASE_URL=postgres://… is set, otherwise the embedded
PGlite in DESK_DATA_DIR (default ./data).`;

/** A mistake on the command line: the message says what to type instead. */
export class UsageError extends Error {}

/** Turns the arguments after `npm run server --` into a command. */
export function parseCommandLine(args: readonly string[]): Command {
  const [name, ...rest] = args;
  switch (name) {
    case undefined:
    case 'serve':
      expectNothing(rest, 'serve');
      return { kind: 'serve' };
    case 'migrate':
      expectNothing(rest, 'migrate');
      return { kind: 'migrate' };
    case 'help':
    case '--help':
    case '-h':
      return { kind: 'help' };
    case 'create-admin':
      return parseCreateAdmin(rest);
    default:
      throw new UsageError(`Unknown command "${name}".\n\n${USAGE}`);
  }
}

function expectNothing(rest: readonly string[], command: string): void {
  if (rest.length > 0) throw new UsageError(`"${command}" takes no arguments, got: ${rest.join(' ')}`);
}

function parseCreateAdmin(rest: readonly string[]): Command {
  let values: { username?: string; name?: string; branch?: string };
  try {
    ({ values } = parseArgs({
      args: [...rest],
      options: { username: { type: 'string' }, name: { type: 'string' }, branch: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${USAGE}`);
  }
  const missing = (['username', 'name', 'branch'] as const).filter((option) => !values[option]?.trim());
  if (missing.length > 0) {
    throw new UsageError(`create-admin needs ${missing.map((option) => `--${option}`).join(', ')}.\n\n${USAGE}`);
  }
  return { kind: 'create-admin', username: values.username!.trim(), displayName: values.name!.trim(), branch: values.branch!.trim() };
}
