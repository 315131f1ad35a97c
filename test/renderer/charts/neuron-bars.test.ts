import { describe, expect, it } from 'vitest';
import type { ChartColors } from '../../../src-renderer/charts/chart-colors';
import { NEURON_SIZE_AXIS, neuronBarsConfig } from '../../../src-renderer/charts/neuron-bars';

const colors = { text: '#333333', grid: '#dddddd', objective: '#0000ff' } as ChartColors;

describe('neuron size bars', () => {
  it('titles the size axis in words, not as the formula ||u|| |α| alone', () => {
    const config = neuronBarsConfig([2, 0.5, 0], colors);
    const y = config.options!.scales!.y as unknown as { title: { text: string } };
    expect(y.title.text).toBe(NEURON_SIZE_AXIS);
    // Short enough for the 200-pixel chart's height (a longer title was cut off); the note under the chart explains it.
    expect(y.title.text).toBe('Neuron size');
    expect(config.data.datasets[0]!.data).toEqual([2, 0.5, 0]);
  });
});
