import type { ChartConfiguration } from 'chart.js';
import type { ChartColors } from './chart-colors';

export type NeuronBarsConfig = ChartConfiguration<'bar', number[], string>;

/** Most bars drawn; the smallest neurons beyond it are summarized in the description. */
export const MAX_NEURON_BARS = 200;

/** Neuron sizes, largest first, capped at MAX_NEURON_BARS (the tail is the near-zero neurons). */
export function sortedNeuronSizes(sizes: readonly number[]): number[] {
  return [...sizes].sort((a, b) => b - a).slice(0, MAX_NEURON_BARS);
}

/**
 * The y axis's title in words: "||u|| |α|" alone meant nothing to a reader who has not read the
 * paper (u: a neuron's input weights, α: its output weight). Short, to fit beside a 200-pixel
 * chart; the line under the chart says what the size is (NeuronSizesChart).
 */
export const NEURON_SIZE_AXIS = 'Neuron size';

/**
 * Bar chart of ||u_j|| |alpha_j| per neuron, largest first: the convex program's group penalty
 * switches neurons off, and this shows how few carry the model.
 */
export function neuronBarsConfig(sizes: readonly number[], colors: ChartColors): NeuronBarsConfig {
  const shown = sortedNeuronSizes(sizes);
  return {
    type: 'bar',
    data: {
      labels: shown.map((_, k) => String(k + 1)),
      datasets: [{ label: 'Neuron size', data: shown, backgroundColor: colors.objective, borderWidth: 0 }],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { title: { display: true, text: 'Neuron (largest first)', color: colors.text }, ticks: { color: colors.text, autoSkip: true, maxTicksLimit: 20 }, grid: { display: false } },
        y: { beginAtZero: true, title: { display: true, text: NEURON_SIZE_AXIS, color: colors.text }, ticks: { color: colors.text }, grid: { color: colors.grid } },
      },
      plugins: { legend: { display: false }, tooltip: { enabled: true } },
    },
  };
}
