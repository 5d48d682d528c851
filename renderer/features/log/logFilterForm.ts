import type { Channel } from '@shared/domain/channels';
import type { Outcome } from '@shared/followups/followUp';
import type { FollowUpEventType } from '@shared/followups/followUpEvents';
import type { LogFilter } from '@shared/log/logQuery';
import { periodOf } from './logPeriod';

/** The log filter as the form holds it: one choice per box, '' meaning "any". */
export interface LogFilterForm {
  fromDay: string;
  toDay: string;
  staff: string;
  branchId: string;
  channel: Channel | '';
  outcome: Outcome | '';
  type: FollowUpEventType | '';
  campaignId: string;
  patronId: string;
}

export const EMPTY_FILTER_FORM: LogFilterForm = { fromDay: '', toDay: '', staff: '', branchId: '', channel: '', outcome: '', type: '', campaignId: '', patronId: '' };

export function filterOf(form: LogFilterForm): LogFilter {
  return {
    ...periodOf(form.fromDay, form.toDay),
    ...(form.staff ? { staff: [form.staff] } : {}),
    ...(form.branchId ? { branchIds: [form.branchId] } : {}),
    ...(form.channel ? { channels: [form.channel] } : {}),
    ...(form.outcome ? { outcomes: [form.outcome] } : {}),
    ...(form.type ? { types: [form.type] } : {}),
    ...(form.campaignId ? { campaignId: form.campaignId } : {}),
    ...(form.patronId ? { patronId: form.patronId } : {}),
  };
}

/** Why a period cannot be used, or null: the server would refuse it anyway, but say so beside the boxes. */
export function periodProblem(form: LogFilterForm): string | null {
  const { from, to } = periodOf(form.fromDay, form.toDay);
  return from !== undefined && to !== undefined && from >= to ? '"From" must not be after "To"' : null;
}
