/**
 * Categorical colours for overlaid runs and classes: the Okabe-Ito palette (distinguishable
 * with the common colour-vision deficiencies, readable on light and dark backgrounds).
 */
export const SERIES_PALETTE: readonly string[] = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#999999'];

export function seriesColor(index: number): string {
  return SERIES_PALETTE[((index % SERIES_PALETTE.length) + SERIES_PALETTE.length) % SERIES_PALETTE.length]!;
}

/**
 * Whether a line series past the palette's first round is drawn dashed: the colours repeat from
 * the ninth series on (digits' ten one-vs-rest ROC curves drew classes 0 and 8 alike).
 */
export function seriesDashed(index: number): boolean {
  return index >= SERIES_PALETTE.length;
}

/** The colour with an alpha channel (for bands and heat-map cells), from '#rrggbb'. */
export function withAlpha(hex: string, alpha: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}
