import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { displayName } from '@shared/domain/patron';
import type { LogFacets } from '@shared/log/logApi';
import { DEFAULT_LOG_SORT, type LogSort } from '@shared/log/logQuery';
import { useDesk, useDeskState } from '../../app/deskContext';
import { hrefOf } from '../../app/routes';
import { EMPTY_FILTER_FORM, filterOf, periodProblem, type LogFilterForm } from './logFilterForm';
import { LogExports } from './LogExports';
import { LogFilters } from './LogFilters';
import { LogTable } from './LogTable';
import { useLogApi, useMyBranches } from './useLogApi';
import { useLogRows } from './useLogRows';

/**
 * The managers' follow-up log: every entry of every follow-up in the branches this staff
 * member works in (the server decides which), filtered, sorted and scrolled however long.
 */
export function LogPage({ patronId }: { patronId?: string | undefined }) {
  const { db } = useDesk();
  const loggedIn = useDeskState((s) => s.account !== null);
  const api = useLogApi();
  const branches = useMyBranches(api);
  const [form, setForm] = useState<LogFilterForm>({ ...EMPTY_FILTER_FORM, patronId: patronId ?? '' });
  const [sort, setSort] = useState<LogSort>(DEFAULT_LOG_SORT);
  const [facets, setFacets] = useState<LogFacets | null>(null);
  const timeZone = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone, []);
  // A period the server would refuse is not sent: the list keeps the last good one meanwhile.
  const [applied, setApplied] = useState(form);
  useEffect(() => {
    if (!periodProblem(form)) setApplied(form);
  }, [form]);
  const filter = useMemo(() => filterOf(applied), [applied]);
  const rows = useLogRows(api, filter, sort);
  const patron = useLiveQuery(() => (form.patronId ? db.patrons.get(form.patronId) : undefined), [db, form.patronId]);

  useEffect(() => {
    if (!api) return;
    let current = true;
    api.facets().then((f) => current && setFacets(f), (err: unknown) => console.warn('log facets could not be loaded', err));
    return () => {
      current = false;
    };
  }, [api]);

  if (!loggedIn) {
    return (
      <section className="stack" aria-labelledby="log-title">
        <h1 id="log-title">Follow-up log</h1>
        <p role="alert">The follow-up log is kept on the shared server: log in with a staff account to see it.</p>
      </section>
    );
  }

  const count = rows.summary ? `${rows.summary.total.toLocaleString()} ${rows.summary.total === 1 ? 'entry' : 'entries'}` : 'Counting entries…';
  return (
    <section className="stack log-page" aria-labelledby="log-title">
      <div className="row">
        <h1 id="log-title">Follow-up log</h1>
        <a className="button" href={hrefOf({ name: 'dashboard' })}>Dashboard</a>
      </div>
      <LogFilters form={form} onChange={setForm} facets={facets} branches={branches} patronName={patron ? displayName(patron) : null} />
      <p role="status" className="meta">{rows.error ? '' : count}</p>
      {rows.error && <p role="alert">The log could not be loaded: {rows.error}</p>}
      {api && (
        <LogExports
          api={api}
          filter={filter}
          sort={sort}
          context={{ timeZone, branchNames: new Map(branches.map((b) => [b.id, b.name])) }}
          campaignNames={new Map((facets?.campaigns ?? []).map((c) => [c.campaignId, c.name]))}
        />
      )}
      <LogTable rows={rows} sort={sort} onSort={setSort} timeZone={timeZone} resetKey={JSON.stringify([filter, sort])} />
    </section>
  );
}
