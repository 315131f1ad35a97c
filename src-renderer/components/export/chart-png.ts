import { downloadBlob } from './download-file';

/** What chart-png needs of a Chart.js chart (kept structural so any chart instance fits). */
export interface PngSourceChart {
  readonly canvas: HTMLCanvasElement;
  toBase64Image(type?: string, quality?: unknown): string;
}

/**
 * The chart as a PNG data URL on an opaque background (Chart.js canvases are transparent, which
 * reads badly in viewers with a dark or checkered background). Falls back to Chart.js's own
 * toBase64Image when no 2-D context can be made.
 */
export function chartPngDataUrl(chart: PngSourceChart, background = '#ffffff'): string {
  const source = chart.canvas;
  const copy = source.ownerDocument.createElement('canvas');
  copy.width = source.width;
  copy.height = source.height;
  const context = copy.getContext('2d');
  if (!context) return chart.toBase64Image('image/png', 1);
  context.fillStyle = background;
  context.fillRect(0, 0, copy.width, copy.height);
  context.drawImage(source, 0, 0);
  return copy.toDataURL('image/png');
}

/** Bytes of a base64 data URL (data:image/png;base64,...). */
export function dataUrlBlob(dataUrl: string): Blob {
  const match = /^data:([^;,]+);base64,(.*)$/.exec(dataUrl);
  if (!match) throw new Error('not a base64 data URL');
  const binary = atob(match[2]!);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: match[1] });
}

/**
 * Downloads a chart as PNG, e.g. `downloadChartPng(chart, 'objective.png')` from a chart's
 * "Save as PNG" button (the Results screen owns the charts; this is the shared helper).
 */
export function downloadChartPng(chart: PngSourceChart, fileName: string, options: { background?: string; doc?: Document } = {}): void {
  const name = fileName.toLowerCase().endsWith('.png') ? fileName : `${fileName}.png`;
  downloadBlob(dataUrlBlob(chartPngDataUrl(chart, options.background)), name, options.doc);
}
