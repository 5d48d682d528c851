import type { FastifyInstance } from 'fastify';
import type { Database } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { openPgliteDatabase } from '../../server/db/pgliteDatabase';
import { buildTestApp, loginAs, seedBranch, seedStaff } from '../../server/test/testApp';
import type { SimServer } from './simulation';

/**
 * The real server app (routes, auth, sync store) over one database, for many seeds: each
 * seed gets a branch of its own, so seeds never see each other's records (branch scope is
 * part of what is tested).
 */
export class SimServerHost {
  private app!: FastifyInstance;
  private staffCount = 0;

  private constructor(readonly db: Database) {}

  static async start(db?: Database): Promise<SimServerHost> {
    const database = db ?? (await openPgliteDatabase());
    if (!db) await migrate(database);
    const host = new SimServerHost(database);
    host.app = await buildTestApp(database);
    return host;
  }

  async forSeed(seed: number): Promise<SimServer> {
    const branchId = await seedBranch(this.db, `Seed ${seed} ${Math.random().toString(36).slice(2, 8)}`);
    return {
      db: this.db,
      app: () => this.app,
      restart: async () => {
        await this.app.close();
        this.app = await buildTestApp(this.db);
      },
      staffToken: async (role, branch) => {
        const username = `sim${++this.staffCount}`;
        await seedStaff(this.db, { username, role, branchIds: [branch] });
        return loginAs(this.app, username);
      },
      branchId,
    };
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.db.close();
  }
}
