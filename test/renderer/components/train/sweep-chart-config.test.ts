import { describe, expect, it } from 'vitest';
import type { SweepSummary } from '../../../../src-core/contract/training-jobs';
import { sweepChartConfig } from '../../../../src-renderer/components/train/sweep-chart-config';

const colors = { objective: '#111', bound: '#222', gap: '#333', grid: '#444', text: '#555' };

const sweep: SweepSummary = {
  scoreName: 'accuracy',
  points: [1.5e-4, 1.5e-3, 1.5e-2, 0.15, 1.5].map((beta, i) => ({
    beta, status: 'solved', objective: 3 + i, relativeGap: 1e-3 / (i + 1), neuronCount: 50 - 10 * i, iterations: 20, solveMs: 5, trainScore: 1 - i / 100, testScore: 1 - i / 200, cvScore: null, cvSpread: null,
  })),
  selectedIndex: 3,
  selectionReason: 'beta = 0.150 has the best test score.',
  warmStart: true,
  cvFolds: null,
};

type LogAxis = { type: string; ticks: { callback: (value: number, index: number, ticks: { value: number }[]) => string } };

describe('sweepChartConfig', () => {
  it('labels the log beta axis and the gap axis at powers of ten, below 0.001 as powers (as the sweep table writes beta)', () => {
    const config = sweepChartConfig(sweep, colors);
    const x = config.options!.scales!['x'] as unknown as LogAxis;
    expect(x.type).toBe('logarithmic');
    const ticks = [1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 1e-2, 0.1, 0.2, 0.4, 1].map((value) => ({ value }));
    expect(ticks.map((t, i) => x.ticks.callback(t.value, i, ticks))).toEqual(['1e-4', '', '', '0.001', '', '0.01', '0.1', '', '', '1']);
    const gap = config.options!.scales!['gap'] as unknown as LogAxis;
    const gapTicks = [0.02, 0.05, 0.1].map((value) => ({ value }));
    expect(gapTicks.map((t, i) => gap.ticks.callback(t.value, i, gapTicks))).toEqual(['0.02%', '0.05%', '0.1%']); // one power of ten only: 1-2-5 steps
  });

  it('spans the gap axis over whole decades around the gaps, so it has two labelled powers of ten', () => {
    // Gaps 0.1% down to 0.02% (relativeGap 1e-3 / (i + 1)).
    const gap = sweepChartConfig(sweep, colors).options!.scales!['gap'] as unknown as { min: number; max: number };
    expect(gap.min).toBeCloseTo(0.01, 12);
    expect(gap.max).toBeCloseTo(0.1, 12);
  });
});
