import type { StaffScope } from '../sync/storedRecord';
import { seedBranch, seedStaff } from './testApp';
import type { TestDatabase } from './testDatabases';

/**
 * An empty sync database with its epoch, one branch ("Central") and a desk-role staff member
 * in it: where most push tests start.
 */
export async function freshSyncDesk(database: TestDatabase): Promise<{ branch: string; desk: StaffScope }> {
  await database.reset();
  await database.db.query('INSERT INTO sync_epoch DEFAULT VALUES ON CONFLICT DO NOTHING');
  const branch = await seedBranch(database.db, 'Central');
  const desk: StaffScope = { staffId: (await seedStaff(database.db, { username: 'dana', role: 'desk', branchIds: [branch] })).id, role: 'desk', branchIds: [branch] };
  return { branch, desk };
}
