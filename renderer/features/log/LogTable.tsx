import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { CHANNEL_LABELS } from '@shared/domain/channels';
import { OUTCOME_LABELS } from '@shared/followups/followUp';
import { EVENT_LABELS } from '@shared/followups/followUpEvents';
import { localDateTime } from '@shared/log/logCellText';
import type { LogEntry } from '@shared/log/logEntry';
import type { LogSort, LogSortField } from '@shared/log/logQuery';
import type { LogRows } from './useLogRows';

const ROW_HEIGHT = 34;

interface Column {
  header: string;
  /** The sort this header toggles, if the column sorts. */
  sort?: LogSortField;
  width: string;
  text(e: LogEntry, timeZone: string): string;
}

const COLUMNS: Column[] = [
  { header: 'Time', sort: 'at', width: '9.5rem', text: (e, tz) => localDateTime(e.at, tz) },
  { header: 'Entry', sort: 'type', width: '7rem', text: (e) => EVENT_LABELS[e.type] },
  { header: 'Outcome', sort: 'outcome', width: '7.5rem', text: (e) => (e.outcome ? OUTCOME_LABELS[e.outcome] : '') },
  { header: 'Patron', sort: 'patron', width: '11rem', text: (e) => e.patronName ?? '(erased)' },
  { header: 'Channel', sort: 'channel', width: '6rem', text: (e) => (e.channel ? CHANNEL_LABELS[e.channel] : '') },
  { header: 'Staff', sort: 'staff', width: '8rem', text: (e) => e.staff },
  { header: 'Reason', width: '12rem', text: (e) => e.campaignName ?? e.reason ?? '' },
  { header: 'Details', width: 'minmax(10rem, 1fr)', text: (e, tz) => detailOf(e, tz) },
];
const GRID = COLUMNS.map((c) => c.width).join(' ');

function detailOf(e: LogEntry, timeZone: string): string {
  const parts: string[] = [];
  if (e.comment) parts.push(e.comment);
  if (e.assignedTo) parts.push(`to ${e.assignedTo}`);
  if (e.until !== null) parts.push(`${e.type === 'snoozed' ? 'until' : e.type === 'reopened' ? 'due' : 'try again'} ${localDateTime(e.until, timeZone)}`);
  return parts.join(' · ');
}

interface Props {
  rows: LogRows;
  sort: LogSort;
  onSort(sort: LogSort): void;
  timeZone: string;
  /** Changes when the filter or sort does: the list scrolls back to the top. */
  resetKey: string;
}

/**
 * The log as a table of up to a million rows: only the rows on screen are in the DOM
 * (ARIA table with aria-rowcount / aria-rowindex, so screen readers still hear "row 5,001
 * of 1,000,000"), and their pages are fetched as they scroll into view.
 */
export function LogTable({ rows, sort, onSort, timeZone, resetKey }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  // initialRect: rows render in the first frame, before the scroller has been measured.
  const virtualizer = useVirtualizer({ count: rows.rowCount, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 20, initialRect: { width: 1000, height: 600 } });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensureRows } = rows;
  useEffect(() => ensureRows(first, last), [ensureRows, first, last]);
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [resetKey]);

  const toggle = (field: LogSortField) =>
    onSort({ field, direction: sort.field === field && sort.direction === 'desc' ? 'asc' : sort.field === field ? 'desc' : field === 'at' ? 'desc' : 'asc' });

  return (
    <div role="table" aria-label="Follow-up log" aria-rowcount={rows.rowCount + 1} className="log-table">
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className="log-table__row log-table__head" style={{ gridTemplateColumns: GRID }}>
          {COLUMNS.map((c) => (
            <div
              key={c.header}
              role="columnheader"
              aria-sort={c.sort && sort.field === c.sort ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
            >
              {c.sort ? (
                <button type="button" onClick={() => toggle(c.sort!)}>
                  {c.header}
                  <span aria-hidden="true">{sort.field === c.sort ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                </button>
              ) : (
                c.header
              )}
            </div>
          ))}
        </div>
      </div>
      <div ref={scroller} className="log-table__scroller" tabIndex={0} aria-label="Log entries (scroll)" role="rowgroup">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const entry = rows.entryAt(item.index);
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className="log-table__row"
                style={{ gridTemplateColumns: GRID, position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                {entry
                  ? COLUMNS.map((c) => <div key={c.header} role="cell">{c.text(entry, timeZone)}</div>)
                  : <div role="cell" className="muted">Loading…</div>}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
