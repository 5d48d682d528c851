import { subMonths } from 'date-fns';
import type { Patron } from '@shared/domain/patron';
import { isDoNotContact } from '@shared/followups/channelRules';
import type { DeskDb } from './deskDb';

/**
 * Patrons with no recorded contact (note, reached/left-message/… outcome, or being
 * recorded at all) for `months` months, oldest contact first; do-not-contact patrons
 * are left out. One range scan on the lastContactAt index.
 */
export async function patronsNotSeenFor(db: DeskDb, months: number, now: number): Promise<Patron[]> {
  const cutoff = subMonths(now, months).getTime();
  const rows = await db.patrons.where('lastContactAt').below(cutoff).toArray();
  return rows.filter((p) => !isDoNotContact(p, now));
}
