import type { LogFilter } from '@shared/log/logQuery';
import type { DeskDb } from '../../db/deskDb';
import { withStates } from '../../db/followUpsRepo';
import type { CalendarFollowUp } from './export/followUpsIcs';

/**
 * The open follow-ups of this desk's replica for the calendar, narrowed by the parts of the
 * log filter that describe a follow-up (channel, campaign, patron, branch). Open ones are
 * exactly those with a pending due time (one index range), so closed ones are never read.
 */
export async function openFollowUpsForCalendar(db: DeskDb, filter: LogFilter): Promise<CalendarFollowUp[]> {
  return db.transaction('r', db.followUps, db.followUpEvents, db.patrons, async () => {
    const rows = (await db.followUps.where('pendingDueAt').aboveOrEqual(0).toArray()).filter(
      (f) =>
        (!filter.channels || filter.channels.includes(f.channel)) &&
        (!filter.branchIds || filter.branchIds.includes(f.branchId)) &&
        (filter.patronId === undefined || f.patronId === filter.patronId) &&
        (filter.campaignId === undefined || (f.source.kind === 'campaign' && f.source.campaignId === filter.campaignId)),
    );
    const states = await withStates(db, rows);
    const patrons = await db.patrons.bulkGet(states.map((s) => s.followUp.patronId));
    return states.map((s, i) => ({ followUp: s.followUp, state: s.state, patron: patrons[i] }));
  });
}
