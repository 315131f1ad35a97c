import { describe, expect, it } from 'vitest';
import { createMatrix } from '../../../src-core/linalg/matrix';
import type { TrainedHead, TrainOutcome } from '../../../src-core/training/train-types';
import { buildRunReport } from '../../../src-main/cli/report';

const head = (status: TrainedHead['status']): TrainedHead => ({
  classIndex: null,
  network: { hidden: createMatrix(2, 2), output: new Float64Array(2), hasBias: false },
  status,
  info: { iterations: 120, objective: 3, lowerBound: null, relativeGap: null, primalResidual: null, dualResidual: null, setupMs: 0, solveMs: 1, notes: [] },
  history: [],
});

const data = { source: 'd.csv', targetColumn: 'y', rows: 10, droppedRows: 0, trainRows: 8, testRows: 2, featureNames: ['a', 'b'], classNames: [], standardize: true, testFraction: 0.2 };

describe('the run report of a back-propagation run', () => {
  it('words each head\'s plateau as back-propagation\'s, not as a certified tolerance', () => {
    const outcome = { task: 'regression', options: { solver: 'backprop' }, heads: [head('solved')], status: 'solved', setupMs: 0, solveMs: 1 } as unknown as TrainOutcome;
    const report = buildRunReport(outcome, data, { train: null, test: null });
    expect(report.statusText).toMatch(/^The training objective changed by less than the tolerance over the last 10 epochs\. Back-propagation has no certificate/);
    expect(report.heads[0]!.statusText).toBe(report.statusText);
  });
});
