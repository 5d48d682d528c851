import { CHANNELS, CHANNEL_LABELS } from '@shared/domain/channels';
import { OUTCOMES, OUTCOME_LABELS } from '@shared/followups/followUp';
import { EVENT_LABELS } from '@shared/followups/followUpEvents';
import { FOLLOW_UP_EVENT_TYPES } from '@shared/log/eventTypes';
import type { LogFacets } from '@shared/log/logApi';
import { EMPTY_FILTER_FORM, periodProblem, type LogFilterForm } from './logFilterForm';
import { PeriodPresets } from './PeriodPresets';

interface Props {
  form: LogFilterForm;
  onChange(next: LogFilterForm): void;
  facets: LogFacets | null;
  branches: ReadonlyArray<{ id: string; name: string }>;
  /** The patron the log is narrowed to (from their page), by name. */
  patronName: string | null;
}

/** The log's filter boxes. Every change applies at once: the list below follows as you choose. */
export function LogFilters({ form, onChange, facets, branches, patronName }: Props) {
  const set = <K extends keyof LogFilterForm>(key: K, value: LogFilterForm[K]) => onChange({ ...form, [key]: value });
  const problem = periodProblem(form);
  const problemId = 'log-period-problem';
  return (
    <form role="search" aria-label="Filter the log" className="log-filters" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>Period</legend>
        <div className="row">
          <label>From <input type="date" value={form.fromDay} onChange={(e) => set('fromDay', e.target.value)} aria-invalid={problem ? true : undefined} aria-describedby={problem ? problemId : undefined} /></label>
          <label>To <input type="date" value={form.toDay} onChange={(e) => set('toDay', e.target.value)} aria-invalid={problem ? true : undefined} aria-describedby={problem ? problemId : undefined} /></label>
          <PeriodPresets onPick={(fromDay, toDay) => onChange({ ...form, fromDay, toDay })} />
        </div>
        {problem && <p id={problemId} className="field__error">{problem}</p>}
      </fieldset>
      <div className="row">
        <label>Entry
          <select value={form.type} onChange={(e) => set('type', e.target.value as LogFilterForm['type'])}>
            <option value="">Any entry</option>
            {FOLLOW_UP_EVENT_TYPES.map((t) => <option key={t} value={t}>{EVENT_LABELS[t]}</option>)}
          </select>
        </label>
        <label>Outcome
          <select value={form.outcome} onChange={(e) => set('outcome', e.target.value as LogFilterForm['outcome'])}>
            <option value="">Any outcome</option>
            {OUTCOMES.map((o) => <option key={o} value={o}>{OUTCOME_LABELS[o]}</option>)}
          </select>
        </label>
        <label>Channel
          <select value={form.channel} onChange={(e) => set('channel', e.target.value as LogFilterForm['channel'])}>
            <option value="">Any channel</option>
            {CHANNELS.map((c) => <option key={c} value={c}>{CHANNEL_LABELS[c]}</option>)}
          </select>
        </label>
        <label>Staff
          <select value={form.staff} onChange={(e) => set('staff', e.target.value)}>
            <option value="">Anyone</option>
            {(facets?.staff ?? []).map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        {branches.length > 1 && (
          <label>Branch
            <select value={form.branchId} onChange={(e) => set('branchId', e.target.value)}>
              <option value="">All my branches</option>
              {branches.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
            </select>
          </label>
        )}
        <label>Campaign
          <select value={form.campaignId} onChange={(e) => set('campaignId', e.target.value)}>
            <option value="">Any campaign</option>
            {(facets?.campaigns ?? []).map((c) => <option key={c.campaignId} value={c.campaignId}>{c.name}</option>)}
          </select>
        </label>
        {form.patronId && (
          <p className="chip">
            Patron: {patronName ?? 'this patron'}{' '}
            <button type="button" onClick={() => set('patronId', '')} aria-label="Show every patron">×</button>
          </p>
        )}
        <button type="button" onClick={() => onChange({ ...EMPTY_FILTER_FORM })}>Clear filters</button>
      </div>
    </form>
  );
}
