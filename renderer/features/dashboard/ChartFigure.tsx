import { useId, type ReactNode } from 'react';

interface Props {
  title: string;
  /** The chart (drawn for the eye; hidden from screen readers, who get the table). */
  chart: ReactNode;
  /** Column headers and rows of the figures the chart draws. */
  headers: string[];
  rows: Array<Array<string | number>>;
  empty: string;
}

/**
 * A chart with its figures: the picture for sighted staff, the same numbers as a table for
 * screen readers (and for the tests, which read totals by role, never from SVG shapes).
 */
export function ChartFigure({ title, chart, headers, rows, empty }: Props) {
  const id = useId();
  return (
    <figure className="panel chart" aria-labelledby={id}>
      <figcaption id={id}><h2>{title}</h2></figcaption>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <>
          <div aria-hidden="true">{chart}</div>
          <table className="visually-hidden">
            <caption>{title}</caption>
            <thead><tr>{headers.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
            <tbody>{rows.map((r, i) => <tr key={i}>{r.map((c, j) => (j === 0 ? <th key={j} scope="row">{c}</th> : <td key={j}>{typeof c === 'number' ? c.toLocaleString() : c}</td>))}</tr>)}</tbody>
          </table>
        </>
      )}
    </figure>
  );
}
