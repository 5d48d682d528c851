import { useEffect, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { CHANNEL_LABELS, CHANNELS } from '@shared/domain/channels';
import { DEFAULT_LADDER, type Stage } from '@shared/domain/stages';
import { OUTCOMES, OUTCOME_LABELS } from '@shared/followups/followUp';
import type { Dashboard } from '@shared/log/logSummary';
import { useDesk, useDeskState } from '../../app/deskContext';
import { hrefOf } from '../../app/routes';
import { readLadder } from '../../db/deskMeta';
import { useLogApi, useMyBranches } from '../log/useLogApi';
import { periodOf, presetPeriod } from '../log/logPeriod';
import { PeriodPresets } from '../log/PeriodPresets';
import { ChartFigure } from './ChartFigure';
import { formatMinutes } from './formatMinutes';

const OUTCOME_COLOURS: Record<string, string> = {
  reached: '#2f7d4a', 'left-message': '#6b8fb8', 'no-answer': '#c28b2c', 'wrong-number': '#8a2f2f', emailed: '#2f5d8a', 'letter-sent': '#6a4c93', declined: '#7a7a7a',
};

/** How the service keeps its promises: done per week, outcomes, overdue, time to first contact, campaigns, stage moves. */
export function DashboardPage() {
  const { db, now } = useDesk();
  const loggedIn = useDeskState((s) => s.account !== null);
  const api = useLogApi();
  const branches = useMyBranches(api);
  const [[fromDay, toDay], setPeriod] = useState<[string, string]>(() => presetPeriod('this-month', now()));
  const [branchId, setBranchId] = useState('');
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ladder, setLadder] = useState<readonly Stage[]>(DEFAULT_LADDER);
  const timeZone = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone, []);
  const filter = useMemo(() => ({ ...periodOf(fromDay, toDay), ...(branchId ? { branchIds: [branchId] } : {}) }), [fromDay, toDay, branchId]);

  useEffect(() => {
    readLadder(db).then(setLadder, () => undefined);
  }, [db]);
  useEffect(() => {
    if (!api) return;
    let current = true;
    setData(null);
    setError(null);
    api.dashboard(filter, timeZone).then(
      (d) => current && setData(d),
      (err: unknown) => current && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      current = false;
    };
  }, [api, filter, timeZone]);

  if (!loggedIn) return <p role="alert">The dashboard is drawn from the shared server: log in with a staff account to see it.</p>;
  const stageLabel = (id: string | null) => (id === null ? 'No stage' : (ladder.find((s) => s.id === id)?.label ?? id));

  return (
    <section className="stack" aria-labelledby="dashboard-title">
      <div className="row">
        <h1 id="dashboard-title">Dashboard</h1>
        <a className="button" href={hrefOf({ name: 'log' })}>Follow-up log</a>
      </div>
      <form className="row" aria-label="Dashboard period" onSubmit={(e) => e.preventDefault()}>
        <label>From <input type="date" value={fromDay} onChange={(e) => setPeriod([e.target.value, toDay])} /></label>
        <label>To <input type="date" value={toDay} onChange={(e) => setPeriod([fromDay, e.target.value])} /></label>
        <PeriodPresets onPick={(from, to) => setPeriod([from, to])} />
        {branches.length > 1 && (
          <label>Branch
            <select value={branchId} onChange={(e) => setBranchId(e.target.value)}>
              <option value="">All my branches</option>
              {branches.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
            </select>
          </label>
        )}
      </form>
      {error && <p role="alert">The dashboard could not be loaded: {error}</p>}
      {!data && !error && <p role="status">Loading the dashboard…</p>}
      {data && (
        <div className="dashboard">
          <dl className="panel figures" aria-label="Key figures">
            <div><dt>Overdue now</dt><dd>{data.overdueNow.toLocaleString()}</dd></div>
            <div>
              <dt>Median time to first contact</dt>
              <dd>{data.medianMinutesToFirstContact === null ? 'No contacts yet' : formatMinutes(data.medianMinutesToFirstContact)}</dd>
            </div>
            <div><dt>Follow-ups contacted</dt><dd>{data.firstContactCount.toLocaleString()}</dd></div>
          </dl>
          <ChartFigure
            title="Follow-ups done per week"
            headers={['Week starting', 'Done']}
            rows={data.donePerWeek.map((w) => [w.weekStart, w.count])}
            empty="Nothing done in this period."
            chart={
              <BarChart width={560} height={220} data={data.donePerWeek}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="weekStart" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Bar dataKey="count" name="Done" fill="#2f5d8a" isAnimationActive={false} />
              </BarChart>
            }
          />
          <OutcomesByChannel data={data} />
          <ChartFigure
            title="Campaign results"
            headers={['Campaign', 'Follow-ups', 'Reached', 'Came back']}
            rows={data.campaigns.map((c) => [c.name, c.followUps, c.reached, c.cameBack])}
            empty="No campaign follow-ups in this period."
            chart={
              <BarChart width={560} height={220} data={data.campaigns}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="name" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                <Bar dataKey="followUps" name="Follow-ups" fill="#9fb3c8" isAnimationActive={false} />
                <Bar dataKey="reached" name="Reached" fill="#2f7d4a" isAnimationActive={false} />
                <Bar dataKey="cameBack" name="Came back" fill="#c28b2c" isAnimationActive={false} />
              </BarChart>
            }
          />
          <ChartFigure
            title="Moves on the engagement ladder"
            headers={['Move', 'Patrons']}
            rows={data.stageMoves.map((m) => [`${stageLabel(m.from)} → ${stageLabel(m.to)}`, m.count])}
            empty="No stage changes in this period."
            chart={
              <BarChart width={560} height={220} data={data.stageMoves.map((m) => ({ move: `${stageLabel(m.from)} → ${stageLabel(m.to)}`, count: m.count }))}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="move" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Bar dataKey="count" name="Patrons" fill="#6a4c93" isAnimationActive={false} />
              </BarChart>
            }
          />
        </div>
      )}
    </section>
  );
}

function OutcomesByChannel({ data }: { data: Dashboard }) {
  const byChannel = CHANNELS.map((channel) => {
    const row: Record<string, string | number> = { channel: CHANNEL_LABELS[channel] };
    for (const o of OUTCOMES) row[o] = data.outcomesByChannel.find((x) => x.channel === channel && x.outcome === o)?.count ?? 0;
    return row;
  }).filter((row) => OUTCOMES.some((o) => (row[o] as number) > 0));
  const used = OUTCOMES.filter((o) => byChannel.some((row) => (row[o] as number) > 0));
  return (
    <ChartFigure
      title="Outcomes by channel"
      headers={['Channel', ...used.map((o) => OUTCOME_LABELS[o])]}
      rows={byChannel.map((row) => [row.channel as string, ...used.map((o) => row[o] as number)])}
      empty="No attempts or contacts in this period."
      chart={
        <BarChart width={560} height={240} data={byChannel}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="channel" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          {used.map((o) => <Bar key={o} dataKey={o} name={OUTCOME_LABELS[o]} stackId="outcomes" fill={OUTCOME_COLOURS[o]} isAnimationActive={false} />)}
        </BarChart>
      }
    />
  );
}
