/**
 * Simple bar charts as SVG strings for pdfmake (drawn as vectors by svg-to-pdfkit): sharp
 * at any zoom, no canvas needed, and the same code in the browser and in Node tests.
 * Labels are Latin text (weeks, channel and outcome names), which the SVG's built-in
 * Helvetica covers.
 */
export interface Bar {
  label: string;
  value: number;
}

export interface StackedBar {
  label: string;
  parts: Array<{ key: string; value: number }>;
}

/** Colour-blind-safe palette (Okabe–Ito), one per series. */
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#999999'];

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
const text = (x: number, y: number, s: string, extra = '') =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="8" font-family="Helvetica" fill="#333" ${extra}>${escapeXml(s)}</text>`;

/** Vertical bars with the value above each bar, labels below (e.g. done per week). */
export function columnChartSvg(bars: readonly Bar[], width: number, height: number): string {
  const top = 14;
  const bottom = 26;
  const plotHeight = height - top - bottom;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = width / Math.max(1, bars.length);
  const barWidth = Math.max(2, slot * 0.7);
  // Label every nth bar so week dates never overlap.
  const every = Math.max(1, Math.ceil(bars.length / Math.max(1, Math.floor(width / 48))));
  const parts = bars.map((b, i) => {
    const h = (b.value / max) * plotHeight;
    const x = i * slot + (slot - barWidth) / 2;
    const y = top + plotHeight - h;
    const rect = `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}" fill="${SERIES_COLOURS[0]}"/>`;
    const value = bars.length <= 26 ? text(x + barWidth / 2, y - 3, String(b.value), 'text-anchor="middle"') : '';
    const label = i % every === 0 ? text(x + barWidth / 2, height - bottom + 11, b.label, 'text-anchor="middle"') : '';
    return rect + value + label;
  });
  const axis = `<line x1="0" y1="${top + plotHeight}" x2="${width}" y2="${top + plotHeight}" stroke="#999" stroke-width="0.5"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${axis}${parts.join('')}</svg>`;
}

/** Horizontal stacked bars with a legend (e.g. outcomes by channel). */
export function stackedBarChartSvg(bars: readonly StackedBar[], keys: readonly string[], width: number): string {
  const labelWidth = 70;
  const rowHeight = 16;
  const legendHeight = 14 * Math.ceil(keys.length / 4) + 4;
  const height = bars.length * rowHeight + legendHeight + 4;
  const max = Math.max(1, ...bars.map((b) => b.parts.reduce((n, p) => n + p.value, 0)));
  const plotWidth = width - labelWidth - 30;
  const colour = (key: string) => SERIES_COLOURS[Math.max(0, keys.indexOf(key)) % SERIES_COLOURS.length];
  const rows = bars.map((b, i) => {
    const y = i * rowHeight + 2;
    let x = labelWidth;
    const segments = b.parts.map((p) => {
      const w = (p.value / max) * plotWidth;
      const rect = `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${rowHeight - 5}" fill="${colour(p.key)}"/>`;
      x += w;
      return rect;
    });
    const sum = b.parts.reduce((n, p) => n + p.value, 0);
    return text(0, y + 8.5, b.label) + segments.join('') + text(x + 3, y + 8.5, String(sum));
  });
  const legendTop = bars.length * rowHeight + 8;
  const legend = keys.map((k, i) => {
    const x = labelWidth + (i % 4) * ((width - labelWidth) / 4);
    const y = legendTop + Math.floor(i / 4) * 14;
    return `<rect x="${x}" y="${y}" width="8" height="8" fill="${colour(k)}"/>${text(x + 11, y + 7, k)}`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${rows.join('')}${legend.join('')}</svg>`;
}
