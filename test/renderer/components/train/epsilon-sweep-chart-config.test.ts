import type { Point } from 'chart.js';
import { describe, expect, it } from 'vitest';
import type { SweepSummary } from '../../../../src-core/contract/training-jobs';
import { epsilonSweepChartConfig } from '../../../../src-renderer/components/train/epsilon-sweep-chart-config';

const colors = { objective: '#111', bound: '#222', gap: '#333', grid: '#444', text: '#555' };

function summary(scoreName: string, attackedOn: 'test' | 'training'): SweepSummary {
  return {
    parameter: 'epsilon',
    epsilonSweep: { norm: 'linf', units: 'standardized', attackedOn, attackedRows: 40, pgdSteps: 20, pgdRestarts: 2 },
    scoreName,
    points: [0, 0.2, 0.5].map((epsilon, i) => ({
      beta: 0.1, epsilon, status: 'solved', objective: 1, relativeGap: i === 1 ? null : 0.01, neuronCount: 5 + i, iterations: 10, solveMs: 1,
      trainScore: 0.9 - i / 10, testScore: 0.8 - i / 10, cvScore: null, cvSpread: null, pgdScore: 0.8 - i / 5, certifiedScore: i === 0 ? 0.8 : 0.5 - i / 5, standardPgdScore: i === 2 ? null : 0.8 - i / 4, pgdAtLargestScore: 0.4,
    })),
    selectedIndex: 1,
    selectionReason: '',
    warmStart: false,
    cvFolds: null,
  };
}

describe('epsilonSweepChartConfig', () => {
  it('plots clean and PGD scores (percent) against epsilon on a linear axis starting at 0', () => {
    const config = epsilonSweepChartConfig(summary('accuracy', 'test'), colors);
    const byLabel: Record<string, Point[]> = Object.fromEntries(config.data.datasets.map((d) => [d.label, d.data]));
    expect(byLabel['Clean test accuracy']!.map((p) => [p.x, p.y])).toEqual([[0, 80], [0.2, expect.closeTo(70, 10)], [0.5, expect.closeTo(60, 10)]]);
    expect(byLabel['PGD test accuracy (own epsilon)']!.map((p) => p.x)).toEqual([0, 0.2, 0.5]);
    expect(byLabel['Certified test accuracy (own epsilon)']!.map((p) => [p.x, p.y])).toEqual([[0, 80], [0.2, expect.closeTo(30, 10)], [0.5, expect.closeTo(10, 10)]]);
    // Missing values are left out, not drawn as 0.
    expect(byLabel['Standard model under PGD']!.map((p) => p.x)).toEqual([0, 0.2]);
    expect(byLabel['Gap (%)']!.map((p) => p.x)).toEqual([0, 0.5]);
    const x = config.options!.scales!['x'] as { type: string; min: number; title: { text: string } };
    expect(x.type).toBe('linear');
    expect(x.min).toBe(0);
    expect(x.title.text).toContain('standardized units');
  });

  it('uses R² as is and the training rows when the attack ran on them', () => {
    const config = epsilonSweepChartConfig(summary('R²', 'training'), colors);
    const clean = config.data.datasets.find((d) => d.label === 'Clean train R²')!;
    expect(clean.data[0]!.y).toBeCloseTo(0.9, 12);
  });
});
