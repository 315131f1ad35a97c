import { describe, expect, it } from 'vitest';
import type { SolveInfo } from '../../../src-core/solvers/solver-types';
import { outcomeStatusText } from '../../../src-core/training/outcome-status-text';

const info = (objective: number, lowerBound: number, extra: Partial<SolveInfo> = {}): { info: SolveInfo } => ({
  info: { iterations: 1, objective, lowerBound, relativeGap: (objective - lowerBound) / objective, primalResidual: null, dualResidual: null, setupMs: 0, solveMs: 0, notes: [], ...extra },
});

describe('outcomeStatusText', () => {
  it('states the heads\' combined gap: summed objectives against summed bounds', () => {
    // 1% and 3% on their own; (4 - 3.94) / 4 = 1.5% together.
    const heads = [info(1, 0.99), info(3, 2.95)];
    expect(outcomeStatusText({ status: 'solved', heads, options: { solver: 'admm' } } as never)).toBe('Reached the requested tolerance. The certified gap is 1.5%.');
  });

  it('says so when a head stopped on its residuals before its certificate met the tolerance', () => {
    const heads = [info(1, 0.99), info(3, 2.95, { solvedOnResiduals: true })];
    expect(outcomeStatusText({ status: 'solved', heads, options: { solver: 'admm' } } as never)).toMatch(/^Converged: the solution stopped changing \(the primal and dual residuals met their tolerances\)\. .* The certified gap is 1\.5%\.$/);
  });

  it('words back-propagation\'s ends as a plateau of the loss or its epochs run, never as a certified tolerance', () => {
    const heads = [{ info: { ...info(1, 0).info, lowerBound: null, relativeGap: null } }];
    const text = (status: string) => outcomeStatusText({ status, heads, options: { solver: 'backprop' } } as never);
    expect(text('solved')).toBe(
      'The training objective changed by less than the tolerance over the last 10 epochs. Back-propagation has no certificate, so how far this is from the best possible training objective is unknown; a convex solver bounds it.',
    );
    expect(text('max-iterations')).toMatch(/^Ran all its epochs; the training objective was still changing by more than the tolerance, so more epochs may lower it\. Back-propagation has no certificate/);
    expect(text('solved')).not.toMatch(/Reached the requested tolerance/);
    expect(text('cancelled')).toBe('Cancelled. The last solution reached is kept.');
  });
});
