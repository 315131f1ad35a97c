/** Chart colours come from the theme's CSS variables so the charts follow light and dark. */
export interface ChartColors {
  readonly objective: string;
  readonly bound: string;
  readonly gap: string;
  readonly grid: string;
  readonly text: string;
}

export function readChartColors(element: Element = document.documentElement): ChartColors {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    objective: read('--chart-objective', '#2457c5'),
    bound: read('--chart-bound', '#1d7a46'),
    gap: read('--chart-gap', '#c2410c'),
    grid: read('--chart-grid', '#e3e6eb'),
    text: read('--color-text-muted', '#5a6474'),
  };
}
