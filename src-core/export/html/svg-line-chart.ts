import { escapeHtml, formatNumber } from './escape-html';

export interface ChartSeries {
  readonly name: string;
  readonly color: string;
  readonly x: readonly number[];
  readonly y: readonly (number | null | undefined)[];
  readonly dashed?: boolean;
}

export interface LineChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** Log scale on y (non-positive values are left out). */
  readonly logY?: boolean;
  readonly width?: number;
  readonly height?: number;
  /** Fixed axis ranges, e.g. [0, 1] for a ROC curve. */
  readonly xRange?: readonly [number, number];
  readonly yRange?: readonly [number, number];
}

/** Most points drawn per series: longer series are thinned evenly (the last point is kept). */
const MAX_POINTS = 600;
const MARGIN = { left: 64, right: 16, top: 28, bottom: 40 };

/**
 * An inline SVG line chart (no script, no external resource): axes with 5 ticks, one polyline per
 * series, a legend. Points with a missing or (log scale) non-positive y are skipped.
 */
export function svgLineChart(series: readonly ChartSeries[], options: LineChartOptions): string {
  const width = options.width ?? 640;
  const height = options.height ?? 300;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const transformY = (y: number): number => (options.logY ? Math.log10(y) : y);
  const points = series.map((s) => thin(s).filter(([, y]) => y !== null && y !== undefined && Number.isFinite(y) && (!options.logY || y > 0)).map(([x, y]) => [x, transformY(y!)] as const));
  const xs = points.flat().map(([x]) => x);
  const ys = points.flat().map(([, y]) => y);
  const title = `<text x="${width / 2}" y="16" text-anchor="middle" class="chart-title">${escapeHtml(options.title)}</text>`;
  if (xs.length === 0) {
    return `<svg class="chart" role="img" aria-label="${escapeHtml(options.title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${title}<text x="${width / 2}" y="${height / 2}" text-anchor="middle">No data to plot.</text></svg>`;
  }
  const [x0, x1] = options.xRange ?? padRange(Math.min(...xs), Math.max(...xs));
  const [y0, y1] = options.yRange ? [transformY(options.yRange[0]), transformY(options.yRange[1])] : padRange(Math.min(...ys), Math.max(...ys));
  const px = (x: number): number => MARGIN.left + ((x - x0) / (x1 - x0)) * plotW;
  const py = (y: number): number => MARGIN.top + plotH - ((y - y0) / (y1 - y0)) * plotH;
  const parts: string[] = [title];
  parts.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`);
  for (let i = 0; i <= 4; i++) {
    const xv = x0 + ((x1 - x0) * i) / 4;
    const yv = y0 + ((y1 - y0) * i) / 4;
    parts.push(`<text x="${px(xv).toFixed(1)}" y="${height - MARGIN.bottom + 16}" text-anchor="middle" class="tick">${escapeHtml(formatNumber(xv, 3))}</text>`);
    parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${py(yv).toFixed(1)}" y2="${py(yv).toFixed(1)}" stroke="#ddd"/>`);
    const label = options.logY ? formatNumber(10 ** yv, 2) : formatNumber(yv, 3);
    parts.push(`<text x="${MARGIN.left - 6}" y="${(py(yv) + 4).toFixed(1)}" text-anchor="end" class="tick">${escapeHtml(label)}</text>`);
  }
  parts.push(`<text x="${MARGIN.left + plotW / 2}" y="${height - 6}" text-anchor="middle" class="axis-label">${escapeHtml(options.xLabel)}</text>`);
  parts.push(`<text x="14" y="${MARGIN.top + plotH / 2}" text-anchor="middle" class="axis-label" transform="rotate(-90 14 ${MARGIN.top + plotH / 2})">${escapeHtml(options.yLabel + (options.logY ? ' (log scale)' : ''))}</text>`);
  series.forEach((s, i) => {
    const path = points[i]!.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ');
    if (path.length > 0) parts.push(`<polyline fill="none" stroke="${escapeHtml(s.color)}" stroke-width="1.5"${s.dashed ? ' stroke-dasharray="5 3"' : ''} points="${path}"/>`);
  });
  // The legend on a translucent box in the top-right corner, over the lines.
  parts.push(`<rect x="${MARGIN.left + plotW - 156}" y="${MARGIN.top + 2}" width="154" height="${series.length * 16 + 6}" fill="#ffffff" fill-opacity="0.85"/>`);
  series.forEach((s, i) => {
    const ly = MARGIN.top + 14 + i * 16;
    parts.push(`<line x1="${MARGIN.left + plotW - 150}" x2="${MARGIN.left + plotW - 130}" y1="${ly - 4}" y2="${ly - 4}" stroke="${escapeHtml(s.color)}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>`);
    parts.push(`<text x="${MARGIN.left + plotW - 125}" y="${ly}" class="legend">${escapeHtml(s.name)}</text>`);
  });
  return `<svg class="chart" role="img" aria-label="${escapeHtml(options.title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

function thin(series: ChartSeries): (readonly [number, number | null | undefined])[] {
  const n = Math.min(series.x.length, series.y.length);
  const step = Math.max(1, Math.ceil(n / MAX_POINTS));
  const out: (readonly [number, number | null | undefined])[] = [];
  for (let i = 0; i < n; i += step) out.push([series.x[i]!, series.y[i]]);
  if (n > 0 && (n - 1) % step !== 0) out.push([series.x[n - 1]!, series.y[n - 1]]);
  return out;
}

function padRange(lo: number, hi: number): [number, number] {
  if (lo === hi) return [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}

/** A horizontal bar chart as inline SVG (e.g. the size of each neuron's weights). */
export function svgBarChart(values: readonly number[], options: { readonly title: string; readonly label: (i: number) => string; readonly color?: string }): string {
  const shown = values.slice(0, 60);
  const width = 640;
  const barH = 12;
  const height = 36 + shown.length * (barH + 4);
  const max = Math.max(...shown.map(Math.abs), Number.MIN_VALUE);
  const parts = [`<text x="${width / 2}" y="16" text-anchor="middle" class="chart-title">${escapeHtml(options.title)}</text>`];
  shown.forEach((v, i) => {
    const y = 28 + i * (barH + 4);
    const w = (Math.abs(v) / max) * (width - 220);
    parts.push(`<text x="110" y="${y + barH - 2}" text-anchor="end" class="tick">${escapeHtml(options.label(i))}</text>`);
    parts.push(`<rect x="116" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="${escapeHtml(options.color ?? '#4a7bd0')}"/>`);
    parts.push(`<text x="${(120 + w).toFixed(1)}" y="${y + barH - 2}" class="tick">${escapeHtml(formatNumber(v, 3))}</text>`);
  });
  const more = values.length > shown.length ? `<text x="116" y="${height - 4}" class="tick">… and ${values.length - shown.length} more</text>` : '';
  return `<svg class="chart" role="img" aria-label="${escapeHtml(options.title)}" width="${width}" height="${height + (more ? 14 : 0)}" viewBox="0 0 ${width} ${height + (more ? 14 : 0)}">${parts.join('')}${more}</svg>`;
}
