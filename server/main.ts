import { createAdmin } from './cli/createAdmin';
import { parseCommandLine, UsageError, USAGE, type Command } from './cli/commandLine';
import { readPassword } from './cli/readPassword';
import { serve } from './cli/serve';
import { configFromEnv, type ServerConfig } from './config';
import { migrate } from './db/migrate';
import { openDatabase } from './db/openDatabase';
import { createLogger } from './http/logging';

/** `npm run server [-- command]`: see USAGE in cli/commandLine.ts. */
async function run(command: Command, config: ServerConfig): Promise<void> {
  switch (command.kind) {
    case 'help':
      console.log(USAGE);
      return;
    case 'serve':
      return serve(config, createLogger(config.logLevel));
    case 'migrate': {
      const db = await openDatabase(config.database);
      try {
        const applied = await migrate(db);
        console.log(applied.length ? `Applied migrations ${applied.join(', ')}.` : 'The database schema is up to date.');
      } finally {
        await db.close();
      }
      return;
    }
    case 'create-admin': {
      const password = process.env.DESK_ADMIN_PASSWORD || (await readPassword(`Password for ${command.username}: `));
      const db = await openDatabase(config.database);
      try {
        await migrate(db);
        const { admin, branchName, branchCreated } = await createAdmin(db, { ...command, password }, config.auth.scryptCost);
        console.log(`Created administrator ${admin.username} (${admin.displayName}) in ${branchCreated ? 'the new' : 'the'} branch "${branchName}".`);
      } finally {
        await db.close();
      }
    }
  }
}

try {
  await run(parseCommandLine(process.argv.slice(2)), configFromEnv());
  process.exit(0);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(err instanceof UsageError ? 2 : 1);
}
