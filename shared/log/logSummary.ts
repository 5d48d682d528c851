import type { Channel } from '../domain/channels';
import type { IsoDate } from '../domain/time';
import type { Outcome } from '../followups/followUp';
import type { FollowUpEventType } from '../followups/followUpEvents';

/** Totals of the entries a filter selects: the log view's count, the XLSX totals sheet, the PDF's figures. */
export interface LogSummary {
  total: number;
  byType: Partial<Record<FollowUpEventType, number>>;
  byOutcome: Partial<Record<Outcome, number>>;
  byChannel: Partial<Record<Channel, number>>;
}

/**
 * The managers' dashboard for a filter (GET /api/log/dashboard). Weeks start on Monday in
 * the requested time zone.
 */
export interface Dashboard {
  timeZone: string;
  /** Done entries per week, oldest first; weeks with none are listed with 0. */
  donePerWeek: Array<{ weekStart: IsoDate; count: number }>;
  /** Attempts and dones by channel and outcome. */
  outcomesByChannel: Array<{ channel: Channel; outcome: Outcome; count: number }>;
  /** Open follow-ups whose due time has passed, now (not limited by the period). */
  overdueNow: number;
  /** Median minutes from a follow-up's creation to its first attempt or done; null when none. */
  medianMinutesToFirstContact: number | null;
  /** How many follow-ups that median is over. */
  firstContactCount: number;
  /**
   * Campaigns with follow-ups in the filter: how many follow-ups, how many patrons were
   * reached, and how many came back (a note about them written after the campaign started).
   */
  campaigns: Array<{ campaignId: string; name: string; followUps: number; reached: number; cameBack: number }>;
  /** Engagement-stage moves in the period, by stage id (null: no stage before). */
  stageMoves: Array<{ from: string | null; to: string; count: number }>;
}
