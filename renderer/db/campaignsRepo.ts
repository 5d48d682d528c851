import type { Patron } from '@shared/domain/patron';
import { defaultChannel, flagsForbidding, isDoNotContact } from '@shared/followups/channelRules';
import type { FollowUpInput } from '@shared/followups/followUpInput';
import type { DeskDb } from './deskDb';
import { addFollowUps } from './followUpsRepo';
import { newId } from './ids';
import type { WriteContext } from './writeContext';

export interface Campaign {
  name: string;
  dueAt: number;
  message: string;
  /** The ticked patrons, as listed by findPatronsNotSeen. */
  patronIds: readonly string[];
}

/** Why a ticked patron got no follow-up: what changed between the list and "create". */
export interface CampaignSkips {
  /** Marked do-not-contact since the list was made. */
  doNotContact: number;
  /** Flagged since so that no channel is allowed (e.g. never-email, and no phone or address). */
  noAllowedChannel: number;
  /** Erased from this desk since. */
  gone: number;
}

/**
 * Creates one follow-up per ticked patron, each through that patron's default channel, in
 * the desk queue, all under one campaign id and name, in one transaction. The patrons are
 * read again inside it, so a patron flagged or erased after the list was made is skipped
 * (and counted) rather than contacted against their wishes or failing the whole campaign.
 */
export async function createCampaign(db: DeskDb, ctx: WriteContext, campaign: Campaign): Promise<{ created: number; skipped: CampaignSkips }> {
  const now = ctx.now();
  const source = { kind: 'campaign', campaignId: newId(), name: campaign.name.trim() } as const;
  return db.transaction('rw', db.patrons, db.followUps, async () => {
    const rows = await db.patrons.bulkGet([...campaign.patronIds]);
    const skipped: CampaignSkips = { doNotContact: 0, noAllowedChannel: 0, gone: 0 };
    const patrons: Patron[] = [];
    const inputs: FollowUpInput[] = [];
    for (const p of rows) {
      if (!p) { skipped.gone += 1; continue; }
      if (isDoNotContact(p, now)) { skipped.doNotContact += 1; continue; }
      const channel = defaultChannel(p, now);
      if (flagsForbidding(channel, p.flags, now).length > 0) { skipped.noAllowedChannel += 1; continue; }
      patrons.push(p);
      inputs.push({ patronId: p.id, reason: source.name, dueAt: campaign.dueAt, channel, assignee: { kind: 'queue' }, source, message: campaign.message });
    }
    const created = await addFollowUps(db, ctx, inputs, patrons);
    return { created: created.length, skipped };
  });
}
