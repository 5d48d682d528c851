import type { CampaignSkips } from '../../db/campaignsRepo';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What to tell staff after "create": how many follow-ups, and who was left out because
 * they changed after the list was made (so a shorter campaign is never a silent surprise).
 */
export function campaignOutcome({ created, skipped }: { created: number; skipped: CampaignSkips }): string {
  const reasons = [
    skipped.doNotContact > 0 && `${skipped.doNotContact} now do-not-contact`,
    skipped.noAllowedChannel > 0 && `${skipped.noAllowedChannel} with no channel their flags allow`,
    skipped.gone > 0 && `${skipped.gone} no longer on this desk`,
  ].filter((r): r is string => r !== false);
  const made = `Created ${plural(created, 'follow-up', 'follow-ups')}.`;
  return reasons.length === 0 ? made : `${made} Left out: ${reasons.join(', ')}.`;
}
